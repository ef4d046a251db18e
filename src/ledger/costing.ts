// Moving weighted-average costing (移动加权平均), per product per warehouse, updated at
// each posting and never by replaying history. Pure: a balance in, a move and the new
// balance out. Every move's cost is exactly the change in the balance's value, so the
// balance always equals the sum of its ledger.
import { Decimal } from '../core/decimal.js';

export interface StockState {
  qty: Decimal;
  value: Decimal;
  /** Unit cost, 6 places. */
  avgCost: Decimal;
}

export interface MoveResult {
  /** Signed change in value: positive in, negative out. */
  cost: Decimal;
  after: StockState;
}

const AVG_PLACES = 6;
const toMoney = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

function settle(state: StockState, qtyDelta: Decimal, cost: Decimal, fallbackAvg: Decimal): MoveResult {
  const qty = state.qty.plus(qtyDelta);
  const value = state.value.plus(cost);
  // With nothing (or less than nothing) on hand the average stays the last known unit
  // cost, so goods issued into negative stock still carry a sensible cost.
  const avgCost = qty.gt(0) ? value.div(qty).toDecimalPlaces(AVG_PLACES, Decimal.ROUND_HALF_UP) : fallbackAvg;
  return { cost, after: { qty, value, avgCost } };
}

/** Goods in at a known total cost (a purchase bill line's amount before tax). */
export function receive(state: StockState, qty: Decimal, cost: Decimal): MoveResult {
  const unit = qty.isZero() ? state.avgCost : cost.div(qty).toDecimalPlaces(AVG_PLACES, Decimal.ROUND_HALF_UP);
  return settle(state, qty, toMoney(cost), unit);
}

/**
 * Goods out (`qty` > 0 leaves). At the moving average, unless `fixedCost` is given (an
 * original-bill return goes out at its original cost). Issuing all that is on hand
 * takes all the remaining value, so an empty shelf is worth nothing.
 */
export function issue(state: StockState, qty: Decimal, fixedCost?: Decimal): MoveResult {
  const left = state.qty.minus(qty);
  let out: Decimal;
  if (left.isZero()) out = state.value;
  else if (fixedCost) out = toMoney(fixedCost);
  else out = toMoney(qty.times(state.avgCost));
  return settle(state, qty.negated(), out.negated(), state.avgCost);
}

/** Exactly undoes an earlier move (un-audit): −qty and −cost of that move. */
export function reverse(state: StockState, qty: Decimal, cost: Decimal): MoveResult {
  return settle(state, qty.negated(), cost.negated(), state.avgCost);
}
