/** A resource as guard analyzes it: what the engine would send, plus where it comes from in the user's files. */
import type { AnalyzedResource } from "../analyzer/types";

export interface SourcePosition {
  /** A file: URI. */
  uri: string;
  line: number;
  column?: number;
}

export interface LocatedResource extends AnalyzedResource {
  /** Where the program constructs the resource (check) or where the export lists it (audit), when known. */
  sourcePosition?: SourcePosition;
}
