/** Pool worker for golden-plan mode: only the back end and runtime, so it runs whatever state the front end is in. */
import { serveCases } from "./worker";

serveCases();
