/** Where a finding points in the user's files: the resource's source position, else the target itself. */
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { BlamedResource, TargetReport } from "./model";

export interface FileLocation {
  /** Relative to the working directory when inside it, with forward slashes (as SARIF and terminals want). */
  file: string;
  line?: number;
  column?: number;
}

function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  const shown = relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : absolute;
  return shown.split(path.sep).join("/");
}

export function locate(
  target: TargetReport,
  resource: BlamedResource | undefined,
  cwd = process.cwd(),
): FileLocation {
  const position = resource?.sourcePosition;
  // The SDK reports its own frames for resources it creates (the root stack); those are not the user's.
  if (position?.uri.startsWith("file:") && !position.uri.includes("/node_modules/")) {
    return {
      file: displayPath(fileURLToPath(position.uri), cwd),
      line: position.line,
      column: position.column,
    };
  }
  return { file: displayPath(path.resolve(cwd, target.path), cwd) };
}

export function formatLocation(location: FileLocation): string {
  if (location.line === undefined) return location.file;
  return location.column === undefined
    ? `${location.file}:${location.line}`
    : `${location.file}:${location.line}:${location.column}`;
}
