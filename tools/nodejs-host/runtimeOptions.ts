/**
 * The `runtime.options` of a Node.js project (Pulumi.yaml), as the engine passes them in ProgramInfo: which of
 * them change how a program or a policy pack is started. The rules are the Node.js host's: `typescript`
 * defaults to true (the SDK's run script then compiles the program with ts-node), and a value of the wrong
 * type is an error naming the option, never ignored.
 */
export interface RuntimeOptions {
  typescript: boolean;
  /** A tsconfig.json for ts-node, relative to the program. */
  tsconfig?: string;
  /** Extra arguments for node, split as a shell would. */
  nodeArguments: string[];
}

/** Options the host reads but that change nothing here (dependency installation is not done by this host). */
const installOnly: Record<string, "boolean" | "string"> = { packagemanager: "string", production: "boolean" };

export function parseRuntimeOptions(options: Record<string, unknown>): RuntimeOptions {
  const parsed: RuntimeOptions = { typescript: true, nodeArguments: [] };
  const expect = (key: string, type: "boolean" | "string") => {
    if (typeof options[key] !== type) throw new Error(`${key} option must be a ${type}`);
  };
  if ("typescript" in options) {
    expect("typescript", "boolean");
    parsed.typescript = options.typescript as boolean;
  }
  if ("tsconfig" in options) {
    expect("tsconfig", "string");
    parsed.tsconfig = options.tsconfig as string;
  }
  if ("nodeargs" in options) {
    expect("nodeargs", "string");
    parsed.nodeArguments = splitShellWords(options.nodeargs as string);
  }
  for (const [key, type] of Object.entries(installOnly)) if (key in options) expect(key, type);
  return parsed;
}

/** The environment the SDK's scripts read these options from. */
export function runtimeOptionsEnvironment(options: RuntimeOptions): Record<string, string> {
  const env: Record<string, string> = {};
  if (options.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
  return env;
}

/**
 * Splits `nodeargs` into words the way a POSIX shell would without expansions: whitespace separates, single
 * quotes keep everything, double quotes keep everything but a backslash before `"`, `\\`, `$` or a backquote,
 * a backslash outside quotes escapes the next character.
 */
export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error(`nodeargs: unterminated single quote in ${JSON.stringify(text)}`);
      word += text.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === "\\" && j + 1 < text.length && '"\\$`'.includes(text[j + 1])) j++;
        word += text[j];
      }
      if (j >= text.length) throw new Error(`nodeargs: unterminated double quote in ${JSON.stringify(text)}`);
      inWord = true;
      i = j;
    } else if (c === "\\") {
      if (i + 1 >= text.length) throw new Error(`nodeargs: trailing backslash in ${JSON.stringify(text)}`);
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
