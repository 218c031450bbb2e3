/** The parts of a resource URN the stand-in needs: `urn:pulumi:<stack>::<project>::<parent$…$type>::<name>`. */
export function parseUrn(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  if (parts.length < 4) throw new Error(`not a resource URN: ${urn}`);
  const qualifiedType = parts[2];
  return {
    type: qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1),
    // A name may itself contain "::".
    name: parts.slice(3).join("::"),
  };
}
