/** A value that arrives once the shop's member is loaded (a gateway); until then `use` refuses. */
export interface LateBound<T> {
  use(): T;
  set(value: T): void;
  /** The value if it has arrived, else undefined (for questions that have an answer before). */
  current(): T | undefined;
}

export function lateBound<T>(): LateBound<T> {
  let value: T | undefined;
  return {
    use: () => {
      if (value === undefined) throw new Error('the shop is still starting');
      return value;
    },
    set: (v) => {
      value = v;
    },
    current: () => value,
  };
}
