/**
 * Type tokens as Pulumi YAML resolves them. The YAML language host asks the provider's schema for the token as
 * written, then `pkg:index:Type` for a two-part `pkg:Type`, then the classic-provider form
 * `pkg:mod/lowerCamel(Type):Type` (pulumi-yaml's resolveToken, v1.25.0). guard has no schema, so it takes the
 * token as written when it is already canonical (its module part holds a `/`, or it names a provider) and the
 * classic form otherwise — the form every resource and function of @pulumi/aws has (typeTokens.test.ts checks
 * all of them).
 */

/** strcase.ToLowerCamel (iancoleman/strcase v0.2.0), which pulumi-yaml uses for the repeated section. */
export function toLowerCamel(text: string): string {
  let source = text.trim();
  if (source === "ID") source = "id";
  let result = "";
  let capitalizeNext = false;
  for (const [index, char] of [...source].entries()) {
    const upper = char >= "A" && char <= "Z";
    const lower = char >= "a" && char <= "z";
    let written = char;
    if (capitalizeNext && lower) written = char.toUpperCase();
    else if (!capitalizeNext && index === 0 && upper) written = char.toLowerCase();
    if (upper || lower) {
      result += written;
      capitalizeNext = false;
    } else if (char >= "0" && char <= "9") {
      result += char;
      capitalizeNext = true;
    } else {
      capitalizeNext = char === "_" || char === " " || char === "-" || char === ".";
    }
  }
  return result;
}

export class TypeTokenError extends Error {}

/** The canonical token for a resource or function type written in a YAML program. */
export function canonicalToken(written: string): string {
  const parts = written.split(":");
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === "")) {
    throw new TypeTokenError(`invalid type token "${written}": expected pkg:module:Type or pkg:Type`);
  }
  if (parts[0] === "pulumi") return written;
  const [pkg, module, name] = parts.length === 2 ? [parts[0], "index", parts[1]] : parts;
  if (module.includes("/")) return written;
  return `${pkg}:${module}/${toLowerCamel(name)}:${name}`;
}

/** The package a token belongs to; `pulumi:providers:aws` belongs to aws. */
export function packageOf(token: string): string {
  const parts = token.split(":");
  return parts[0] === "pulumi" && parts[1] === "providers" ? parts[2] : parts[0];
}
