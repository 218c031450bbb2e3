/** Pool worker for source mode: cases compiled from Rego by the whole compiler. */
import { compileRego } from "../compile";
import { serveCases } from "./worker";

serveCases(compileRego);
