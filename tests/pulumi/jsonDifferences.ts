/** Where two JSON values differ, as readable lines: `path: engine <value>, driver <value>`. */
import { unknownValue } from "../../analyzer/wire";
import type { Json } from "./protoJson";

function show(value: Json | undefined): string {
  if (value === undefined) return "nothing";
  if (value === unknownValue) return "<unknown>";
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function jsonDifferences(engine: Json | undefined, driver: Json | undefined, path: string): string[] {
  if (isObject(engine) && isObject(driver)) {
    const keys = [...new Set([...Object.keys(engine), ...Object.keys(driver)])].sort();
    return keys.flatMap((key) => jsonDifferences(engine[key], driver[key], `${path}.${key}`));
  }
  if (Array.isArray(engine) && Array.isArray(driver) && engine.length === driver.length) {
    return engine.flatMap((element, index) => jsonDifferences(element, driver[index], `${path}[${index}]`));
  }
  if (JSON.stringify(engine) === JSON.stringify(driver)) return [];
  return [`${path}: engine ${show(engine)}, driver ${show(driver)}`];
}
