/** Pool worker for source mode: cases compiled from Rego by the whole compiler. */
import { compileQuery, compileRego } from "../compile";
import { serveCases } from "./worker";

serveCases({ entrypoints: compileRego, query: compileQuery });
