// Type predicates (true or false, never undefined) and type_name.

import {
  T_NULL,
  T_BOOLEAN,
  T_NUMBER,
  T_STRING,
  T_ARRAY,
  T_OBJECT,
  T_SET,
  typeOf,
  makeBool,
  makeStringFromAS,
} from "../value";
import { typeName } from "../errors";

export function builtin_is_number(x: usize): usize {
  return makeBool(typeOf(x) == T_NUMBER);
}

export function builtin_is_string(x: usize): usize {
  return makeBool(typeOf(x) == T_STRING);
}

export function builtin_is_boolean(x: usize): usize {
  return makeBool(typeOf(x) == T_BOOLEAN);
}

export function builtin_is_array(x: usize): usize {
  return makeBool(typeOf(x) == T_ARRAY);
}

export function builtin_is_set(x: usize): usize {
  return makeBool(typeOf(x) == T_SET);
}

export function builtin_is_object(x: usize): usize {
  return makeBool(typeOf(x) == T_OBJECT);
}

export function builtin_is_null(x: usize): usize {
  return makeBool(typeOf(x) == T_NULL);
}

export function builtin_type_name(x: usize): usize {
  return makeStringFromAS(typeName(x));
}
