/**
 * `${…}` in YAML strings, parsed as pulumi-yaml's parseInterpolate and parsePropertyAccess do: `$$` is a
 * literal `$`; an access is a root name then `.name`, `["key"]` or `[index]` accessors. A string that is one
 * access and nothing else yields the value itself (an object, a list, a resource); otherwise the parts are
 * joined as text.
 */
export type Accessor = string | number;

export interface PropertyAccess {
  /** The first name: a resource, variable, config key or `pulumi`. */
  root: string;
  /** What follows the root: property names and string subscripts as strings, list indexes as numbers. */
  path: Accessor[];
  /** As written, for messages. */
  text: string;
}

export type Part = { text: string } | { access: PropertyAccess };

export class InterpolationError extends Error {}

function parseAccess(text: string, start: number): { access: PropertyAccess; end: number } {
  const accessors: Accessor[] = [];
  let i = start;
  while (i < text.length) {
    const char = text[i];
    if (char === "}") {
      if (accessors.length === 0 || typeof accessors[0] !== "string" || accessors[0] === "") {
        throw new InterpolationError(`empty interpolation in "${text}"`);
      }
      const [root, ...path] = accessors as [string, ...Accessor[]];
      return { access: { root, path, text: text.slice(start - 2, i + 1) }, end: i + 1 };
    }
    if (char === ".") {
      i++;
    } else if (char === "[") {
      if (text[i + 1] === '"') {
        let key = "";
        let j = i + 2;
        for (;;) {
          if (j >= text.length) throw new InterpolationError("missing closing quote in property name");
          if (text[j] === '"') break;
          if (text[j] === "\\" && text[j + 1] === '"') {
            key += '"';
            j += 2;
          } else key += text[j++];
        }
        if (text[j + 1] !== "]") throw new InterpolationError("missing closing bracket in property access");
        accessors.push(key);
        i = j + 2;
      } else {
        const close = text.indexOf("]", i);
        if (close === -1) throw new InterpolationError("missing closing bracket in list index");
        const index = text.slice(i + 1, close);
        if (!/^[+-]?\d+$/.test(index)) throw new InterpolationError(`invalid list index "${index}"`);
        if (accessors.length === 0) {
          throw new InterpolationError("the root property must be a string subscript or a name");
        }
        accessors.push(Number(index));
        i = close + 1;
      }
    } else {
      let j = i;
      while (j < text.length && !".[}".includes(text[j])) j++;
      accessors.push(text.slice(i, j));
      i = j;
    }
  }
  throw new InterpolationError(`unterminated interpolation in "${text}"`);
}

export function parseInterpolation(text: string): Part[] {
  const parts: Part[] = [];
  let literal = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("$$", i)) {
      literal += "$";
      i += 2;
    } else if (text.startsWith("${", i)) {
      const { access, end } = parseAccess(text, i + 2);
      if (literal) parts.push({ text: literal });
      literal = "";
      parts.push({ access });
      i = end;
    } else {
      literal += text[i++];
    }
  }
  if (literal || parts.length === 0) parts.push({ text: literal });
  return parts;
}
