/**
 * A YAML file of a program, parsed with the `yaml` package keeping every node's offsets, so each error guard
 * finds in the program points at `file:line:col` as the YAML language host's diagnostics do.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { isMap, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { UsageError } from "../errors";
import type { SourcePosition } from "../resource";

/** A file as messages name it: relative to the working directory when inside it, as terminals link it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

/** An error in the program itself, positioned in its file. */
export class YamlProgramError extends UsageError {}

export class YamlSource {
  private constructor(
    readonly file: string,
    readonly document: Document,
    private readonly lines: LineCounter,
  ) {}

  static read(file: string): YamlSource {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (error) {
      throw new YamlProgramError(`cannot read ${file}: ${(error as Error).message}`);
    }
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
    const source = new YamlSource(file, document, lines);
    const [first] = document.errors;
    if (first) {
      const { line, col } = first.linePos?.[0] ?? { line: 1, col: 1 };
      throw new YamlProgramError(`${shown(file)}:${line}:${col}: ${first.message.split("\n")[0]}`);
    }
    if (document.contents !== null && !isMap(document.contents)) {
      throw source.error(
        document.contents,
        "a Pulumi YAML program is a mapping (name, runtime, resources, …)",
      );
    }
    return source;
  }

  /** 1-based line and column of a node's start. */
  position(node: Node | null | undefined): { line: number; column: number } {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  sourcePosition(node: Node): SourcePosition {
    const { line, column } = this.position(node);
    return { uri: pathToFileURL(this.file).href, line, column };
  }

  error(node: Node | null | undefined, message: string): YamlProgramError {
    return new YamlProgramError(`${this.where(node)}: ${message}`);
  }

  /** `file:line:col` of a node, for messages. */
  where(node: Node | null | undefined): string {
    const { line, column } = this.position(node);
    return `${shown(this.file)}:${line}:${column}`;
  }
}
