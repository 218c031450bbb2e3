/**
 * The @pulumi/aws package the stand-in imitates: the one the repository's programs resolve, whose plugin
 * version they ask the engine for.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

export interface AwsPackage {
  dir: string;
  /** The provider plugin version the SDK requests (package.json `pulumi.version`). */
  pluginVersion: string;
}

export function findAwsPackage(from = __dirname): AwsPackage {
  const manifestPath = require.resolve("@pulumi/aws/package.json", { paths: [from] });
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    version: string;
    pulumi?: { version?: string };
  };
  return { dir: path.dirname(manifestPath), pluginVersion: manifest.pulumi?.version ?? manifest.version };
}
