// The protocol's result types are the core's views with locations as the wire has them: checked at
// compile time (npm run typecheck fails when a view gains a field the protocol lacks, or back).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletenessView, ConnectionSetView, ExplanationView, MatrixGridView } from '../../server/src/core/index';
import type { Wire } from '../../server/src/lsp/convert';
import type { CompletenessDto, ConnectionSetDto, ExplainResult, MatrixResult } from '../../server/src/protocol/protocol';

/** Structural form, so that an interface and the mapped type of the same shape compare equal. */
type Norm<T> = T extends readonly (infer U)[] ? readonly Norm<U>[] : T extends object ? { readonly [K in keyof T]: Norm<T[K]> } : T;
type Equal<A, B> = (<X>() => X extends Norm<A> ? 1 : 2) extends <X>() => X extends Norm<B> ? 1 : 2 ? true : false;

const checks: {
  connectionSet: Equal<ConnectionSetDto, Wire<ConnectionSetView>>;
  completeness: Equal<CompletenessDto, Wire<CompletenessView>>;
  explain: Equal<ExplainResult, Wire<ExplanationView & { readonly completeness: CompletenessView }>>;
  matrix: Equal<Omit<MatrixResult, 'changes'>, Wire<MatrixGridView>>;
} = { connectionSet: true, completeness: true, explain: true, matrix: true };

test('protocol result types equal Wire<view> (checked by the type checker)', () => {
  assert.deepEqual(Object.values(checks), [true, true, true, true]);
});
