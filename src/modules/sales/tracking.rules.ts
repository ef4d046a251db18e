// The states of order tracking (跟单), as plain data and pure functions.

export interface Signed {
  by: string;
  at: string;
}

export interface ProductionTrack {
  depositConfirmed?: Signed & { amount: string };
  released?: Signed & { plannedShipDate: string };
  stages?: (Signed & { stage: string })[];
  balanceRequested?: Signed & { amount: string };
  paymentConfirmed?: Signed & { amount: string };
}

export const COD_STEPS = ['waiting', 'delivered', 'installed', 'collected', 'handed_in'] as const;
export type CodStep = (typeof COD_STEPS)[number];
export const COD_ZH: Record<CodStep, string> = { waiting: '待发车', delivered: '已送达', installed: '已安装', collected: '已收款', handed_in: '已交款' };

export interface CodTrack {
  vehicle: string;
  driverId: string;
  driverName: string | null;
  amountToCollect: string;
  amountCollected?: string;
  status: CodStep;
  history: (Signed & { status: CodStep })[];
  receiptId?: string;
}

/** Where a made-to-order order stands, and whether it is late (pure). */
export function productionState(track: ProductionTrack, contractDate: string | null | undefined, today: string, stages: string[]) {
  const current = track.stages?.at(-1)?.stage ?? null;
  const finished = current === stages.at(-1);
  const planned = track.released?.plannedShipDate ?? null;
  const warnings: string[] = [];
  if (planned && contractDate && planned > contractDate) warnings.push(`计划出货 ${planned} 晚于合同交期 ${contractDate}`);
  if (!finished && contractDate && today > contractDate) warnings.push(`已过合同交期 ${contractDate} 仍未完工`);
  else if (!finished && planned && today > planned) warnings.push(`已过计划出货日 ${planned} 仍未完工`);
  return {
    stage: current,
    stageIndex: current ? stages.indexOf(current) : -1,
    finished,
    late: warnings.length > 0,
    warnings,
    readyToShip: !!track.paymentConfirmed && (finished || !track.released),
  };
}
