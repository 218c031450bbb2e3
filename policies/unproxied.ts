/**
 * Reading a resource's properties past @pulumi/policy's unknown-checking proxy, which otherwise traps every
 * property read.
 */

/**
 * The proxy returns its target for this key (proxy.js getSpecialProxyTarget). input.ts recognises the
 * unknown sentinels the proxy would have thrown for, so the input is the same either way.
 */
const specialProxyTarget = "__getSpecialProxyTarget";

export function unproxied(props: Record<string, unknown>): Record<string, unknown> {
  const target = props[specialProxyTarget];
  return typeof target === "object" && target !== null ? (target as Record<string, unknown>) : props;
}
