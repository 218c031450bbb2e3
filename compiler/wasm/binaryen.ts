/**
 * binaryen is an ESM-only package with top-level await, so this CommonJS project can only reach it
 * through a dynamic import. Everything in the back end takes the loaded namespace from here.
 */
export type Binaryen = typeof import("binaryen").default;
export type BinaryenModule = InstanceType<Binaryen["Module"]>;
export type ExpressionRef = number;

let loaded: Promise<Binaryen> | undefined;

export function loadBinaryen(): Promise<Binaryen> {
  loaded ??= import("binaryen").then((namespace) => namespace.default);
  return loaded;
}
