/**
 * GetRequiredPackages: the resource plugins a program needs, read from the npm packages it has installed. A
 * package whose package.json says `"pulumi": {"resource": true}` brings a provider plugin: its name is
 * `pulumi.name`, or the package name without the `@pulumi/` scope; its version is `pulumi.version`, or the
 * package's own, prefixed with "v". The engine loads (or, where allowed, installs) exactly these before the
 * program runs.
 *
 * The search starts at the program's directory and follows every folder, links included (each real path
 * once), but never enters a policy pack (a folder with PulumiPolicy.yaml): a pack's plugins are not the
 * program's. Inside node_modules only package folders and their own node_modules are read, which is where
 * npm puts package manifests.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface PackageParameterization {
  name: string;
  version: string;
  /** The provider's parameter, base64 in package.json. */
  value: Uint8Array;
}

export interface RequiredPackage {
  name: string;
  kind: "resource";
  version: string;
  server: string;
  parameterization?: PackageParameterization;
}

interface PackageManifest {
  name?: unknown;
  version?: unknown;
  pulumi?: {
    resource?: unknown;
    name?: unknown;
    version?: unknown;
    server?: unknown;
    parameterization?: { name?: unknown; version?: unknown; value?: unknown };
  };
}

export interface RequiredPackagesResult {
  packages: RequiredPackage[];
  /** Manifests that could not be read or say too little; the search goes on without them. */
  problems: string[];
}

export function requiredPackages(programDir: string): RequiredPackagesResult {
  const result: RequiredPackagesResult = { packages: [], problems: [] };
  const visited = new Set<string>();

  const visit = (dir: string, inNodeModules: boolean) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (error) {
      result.problems.push(`${dir}: ${(error as Error).message}`);
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    if (fs.existsSync(path.join(real, "PulumiPolicy.yaml")) && real !== fs.realpathSync(programDir)) return;
    if (inNodeModules) readManifest(path.join(real, "package.json"), result);
    for (const entry of subfolders(real, result)) {
      if (entry === "node_modules") {
        for (const pkg of packageFolders(path.join(real, entry), result)) visit(pkg, true);
      } else if (!inNodeModules) {
        visit(path.join(real, entry), false);
      }
    }
  };

  visit(programDir, false);
  return result;
}

/** Folder names in dir (links followed); hidden folders hold no program code or packages. */
function subfolders(dir: string, result: RequiredPackagesResult): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    result.problems.push(`${dir}: ${(error as Error).message}`);
    return [];
  }
  return entries
    .filter((entry) => !entry.name.startsWith(".") && isFolder(path.join(dir, entry.name), entry))
    .map((entry) => entry.name)
    .sort();
}

function isFolder(full: string, entry: fs.Dirent): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return fs.statSync(full).isDirectory();
  } catch {
    return false;
  }
}

/** node_modules/<name> and node_modules/@scope/<name>. */
function packageFolders(nodeModules: string, result: RequiredPackagesResult): string[] {
  const folders: string[] = [];
  for (const name of subfolders(nodeModules, result)) {
    const full = path.join(nodeModules, name);
    if (name.startsWith("@"))
      folders.push(...subfolders(full, result).map((inner) => path.join(full, inner)));
    else folders.push(full);
  }
  return folders;
}

function readManifest(file: string, result: RequiredPackagesResult): void {
  if (!fs.existsSync(file)) return;
  let manifest: PackageManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, "utf8")) as PackageManifest;
  } catch (error) {
    result.problems.push(`${file}: ${(error as Error).message}`);
    return;
  }
  if (manifest?.pulumi?.resource !== true) return;
  const problem = (text: string): void => {
    result.problems.push(`${file}: ${text}`);
  };
  const name = pluginName(manifest);
  if (!name) return problem('a third-party plugin package needs "pulumi.name"');
  const version = typeof manifest.pulumi.version === "string" ? manifest.pulumi.version : manifest.version;
  if (typeof version !== "string" || version === "") return problem('missing "version"');
  const required: RequiredPackage = {
    name,
    kind: "resource",
    version: version.startsWith("v") ? version : `v${version}`,
    server: typeof manifest.pulumi.server === "string" ? manifest.pulumi.server : "",
  };
  const parameterization = manifest.pulumi.parameterization;
  if (parameterization) {
    const { name: pName, version: pVersion, value } = parameterization;
    if (typeof pName !== "string" || typeof pVersion !== "string" || typeof value !== "string")
      return problem('"pulumi.parameterization" needs string name, version and value');
    required.parameterization = { name: pName, version: pVersion, value: Buffer.from(value, "base64") };
  }
  result.packages.push(required);
}

function pluginName(manifest: PackageManifest): string | undefined {
  if (typeof manifest.pulumi?.name === "string" && manifest.pulumi.name !== "") return manifest.pulumi.name;
  if (typeof manifest.name === "string" && manifest.name.startsWith("@pulumi/"))
    return manifest.name.slice("@pulumi/".length);
  return undefined;
}
