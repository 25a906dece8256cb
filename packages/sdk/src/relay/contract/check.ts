/**
 * The relay contract's own validators: the few shapes its JSON uses (objects of known keys, strings
 * and numbers within bounds, enums, arrays), about 1 KB in the widget's CDN bundle where `zod/mini`
 * cost 5.6 KB. They are as strict as the `zod/mini` schemas they replace, and a property test holds
 * them to it (test/relay/relay-contract-checks.test.ts): the same inputs pass, the same fail, and a
 * pass returns the same data, unknown keys dropped. The server reads request bodies with them too.
 */

/** One problem found: where (keys and indexes from the root) and what was expected. */
export interface CheckIssue {
  path: (string | number)[];
  message: string;
}

/** What {@link Check.safeParse} returns, in zod's shape. */
export type CheckResult<T> = { success: true; data: T } | { success: false; error: { issues: CheckIssue[] } };

/** A validator of `T`. */
export interface Check<T> {
  /** `value` as `T` (a copy: objects keep only their declared keys), or every problem with it. */
  safeParse(value: unknown): CheckResult<T>;
  /** @internal Walks `value`, pushing problems to `issues`; the result is meaningless if any were pushed. */
  readonly walk: (value: unknown, path: (string | number)[], issues: CheckIssue[]) => T;
}

/** The type a check accepts. */
export type Checked<C> = C extends Check<infer T> ? T : never;

type Shape = Record<string, Check<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Checked<S[K]> ? K : never }[keyof S];
type ObjectOf<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Checked<S[K]> } & {
  [K in OptionalKeys<S>]?: Checked<S[K]>;
};
type Walk<T> = Check<T>['walk'];

function check<T>(walk: Walk<T>): Check<T> {
  return {
    walk,
    safeParse(value) {
      const issues: CheckIssue[] = [];
      const data = walk(value, [], issues);
      return issues.length ? { success: false, error: { issues } } : { success: true, data };
    },
  };
}

function issue(issues: CheckIssue[], path: (string | number)[], message: string): never {
  issues.push({ path: [...path], message });
  return undefined as never;
}

/** Bounds shared by strings (length) and arrays (items). */
interface LengthBounds {
  min?: number | undefined;
  max?: number | undefined;
}

function length(issues: CheckIssue[], path: (string | number)[], n: number, { min, max }: LengthBounds): void {
  if (min !== undefined && n < min) issue(issues, path, `too short: expected at least ${min}`);
  if (max !== undefined && n > max) issue(issues, path, `too long: expected at most ${max}`);
}

/** A string, optionally of `min`..`max` characters (UTF-16 units, as zod counts) matching `pattern`. */
export function string(bounds: LengthBounds & { pattern?: RegExp | undefined } = {}): Check<string> {
  return check((value, path, issues) => {
    if (typeof value !== 'string') return issue(issues, path, 'expected a string');
    length(issues, path, value.length, bounds);
    if (bounds.pattern && !bounds.pattern.test(value))
      issue(issues, path, `expected to match ${String(bounds.pattern)}`);
    return value;
  });
}

/** A finite number, optionally an integer within `min`..`max`. */
export function number(bounds: { min?: number; max?: number; int?: boolean } = {}): Check<number> {
  return check((value, path, issues) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return issue(issues, path, 'expected a number');
    if (bounds.int && !Number.isSafeInteger(value)) issue(issues, path, 'expected an integer');
    if (bounds.min !== undefined && value < bounds.min)
      issue(issues, path, `too small: expected at least ${bounds.min}`);
    if (bounds.max !== undefined && value > bounds.max) issue(issues, path, `too big: expected at most ${bounds.max}`);
    return value;
  });
}

/** `true` or `false`. */
export function boolean(): Check<boolean> {
  return check((value, path, issues) =>
    typeof value === 'boolean' ? value : issue(issues, path, 'expected a boolean'),
  );
}

/** One of `values`. */
export function oneOf<const T extends string | number>(values: readonly T[]): Check<T> {
  return check((value, path, issues) =>
    (values as readonly unknown[]).includes(value)
      ? (value as T)
      : issue(issues, path, `expected one of ${values.join(', ')}`),
  );
}

/** `undefined` (an absent key), or what `inner` accepts. `null` is not absent. */
export function optional<T>(inner: Check<T>): Check<T | undefined> {
  return check((value, path, issues) => (value === undefined ? undefined : inner.walk(value, path, issues)));
}

/** `null`, or what `inner` accepts. */
export function nullable<T>(inner: Check<T>): Check<T | null> {
  return check((value, path, issues) => (value === null ? null : inner.walk(value, path, issues)));
}

/** An array of what `item` accepts, optionally of `min`..`max` items. */
export function array<T>(item: Check<T>, bounds: LengthBounds = {}): Check<T[]> {
  return check((value, path, issues) => {
    if (!Array.isArray(value)) return issue(issues, path, 'expected an array');
    length(issues, path, value.length, bounds);
    return value.map((v, i) => item.walk(v, [...path, i], issues));
  });
}

/**
 * An object with `shape`'s keys. Unknown keys are dropped from the result, as zod does; only own
 * properties are read, so `__proto__` in a JSON body or an inherited name never counts as a key.
 */
export function object<S extends Shape>(shape: S): Check<ObjectOf<S>> {
  return check((value, path, issues) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return issue(issues, path, 'expected an object');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      const own = Object.prototype.hasOwnProperty.call(value, key);
      const result = shape[key]!.walk(
        own ? (value as Record<string, unknown>)[key] : undefined,
        [...path, key],
        issues,
      );
      if (own) out[key] = result;
    }
    return out as ObjectOf<S>;
  });
}
