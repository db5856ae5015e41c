/**
 * The components other languages can use, by schema name. Each entry is typed by its facade
 * declaration; a test checks that this list and the generated schema name the same components.
 */
import type { ComponentFacade } from "./component";
import { roleFacade } from "./role";

/** A facade of any component (for the provider's dispatch). */
export type AnyFacade = ComponentFacade<any, any>;

/** Component name (the last part of its type token) → facade. */
export const FACADES: Readonly<Record<string, AnyFacade>> = {
  Role: roleFacade,
};
