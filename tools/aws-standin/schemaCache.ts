/**
 * The derived schema on disk. Deriving it reads some 2,700 declaration files (about 40 s on two cores), so
 * install.sh writes it once per @pulumi/aws version and the provider only reads it; a provider that finds no
 * file for the installed version derives and writes it on its first GetSchema.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { AwsPackage } from "./awsPackage";
import { schemaFromDeclarations } from "./schemaFromDeclarations";

/** Where install.sh puts the schema; the launcher passes it on. */
export const schemaDirVariable = "AWS_STANDIN_SCHEMA_DIR";

export function schemaPath(dir: string, aws: AwsPackage): string {
  return path.join(dir, `schema-aws-${aws.pluginVersion}.json`);
}

/** Derives the schema and writes it atomically (two providers may race to write it). */
export function writeSchema(dir: string, aws: AwsPackage): string {
  const text = JSON.stringify(schemaFromDeclarations(aws.dir));
  const target = schemaPath(dir, aws);
  mkdirSync(dir, { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, target);
  return text;
}

export function readOrWriteSchema(dir: string, aws: AwsPackage): string {
  const file = schemaPath(dir, aws);
  return existsSync(file) ? readFileSync(file, "utf8") : writeSchema(dir, aws);
}
