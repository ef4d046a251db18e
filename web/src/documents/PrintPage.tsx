import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Radio, Result, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { Fragment, type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { errorText } from '../api/errors';
import { LangSwitch } from '../app/LangSwitch';
import { useCurrentSession, useSession } from '../app/session';
import { useRow } from '../crud/queries';
import { type MsgKey, useI18n } from '../i18n';
import { moneyInWords } from '../lib/chineseMoney';
import { decIsNeg, fmtMoney, fmtPrice, fmtQty, trimDecimal } from '../lib/decimal';
import { type DocLine, type DocView, useDoc } from './api';
import { DealerLetter } from './DealerLetter';
import { useKindUi } from './kindPage';
import { DOC_KINDS, type DocKind, isDocResource, kindName } from './kinds';
import { partyOf } from './parties';
import { type FormRange, isPaper, PAPER_LIST, PAPERS, type Paper, pageCss, splitIntoForms } from './printPaging';

const PAPER_KEY = 'erp.print.paper';
/** A form drawn this much shorter than its page, so rounding never pushes it onto a second page. */
const FORM_SLACK_MM = 0.6;
const PX_PER_MM = 96 / 25.4;

const chunk = <T,>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

function initialPaper(): Paper {
  try {
    const v = localStorage.getItem(PAPER_KEY);
    // 'continuous' was the one 241 mm paper before there were three heights
    return v === 'continuous' ? 'c241-140' : isPaper(v) ? v : 'a4';
  } catch {
    return 'a4';
  }
}

/** Size and margins of the chosen paper, for the sheets drawn on screen and printed. */
function paperVars(paper: Paper): Record<string, string> {
  const p = PAPERS[paper];
  return {
    '--paper-w': `${p.width}mm`,
    '--paper-h': `${p.height - FORM_SLACK_MM}mm`,
    '--form-h': `${p.height - p.margin.top - p.margin.bottom - FORM_SLACK_MM}mm`,
    '--m-t': `${p.margin.top}mm`,
    '--m-r': `${p.margin.right}mm`,
    '--m-b': `${p.margin.bottom}mm`,
    '--m-l': `${p.margin.left}mm`,
  };
}

/** One column of the printed lines; `foot` is its figure in the 合计 row. */
interface PrintColumn<T> {
  key: string;
  header: ReactNode;
  cell: (row: T, index: number) => ReactNode;
  className?: string;
  foot?: ReactNode;
  footTestId?: string;
}

/**
 * The columns of a goods document. Without its money (no `<resource>:price`: the server
 * sent none) 单价, 折扣, 金额, 税率, 税额 and 价税合计 are left out, not printed blank.
 */
function goodsColumns(kind: DocKind, doc: DocView, money: boolean, t: (k: MsgKey) => string): PrintColumn<DocLine>[] {
  const cols: PrintColumn<DocLine>[] = [
    { key: 'no', header: t('print.lineNo'), className: 'c', cell: (_l, i) => i + 1 },
    { key: 'code', header: t('line.code'), className: 'nowrap', cell: (l) => l.productCode },
    { key: 'name', header: t('line.name'), className: 'name', cell: (l) => l.productName },
    { key: 'spec', header: t('line.spec'), className: 'dims', cell: (l) => breakAtTimes(l.spec) },
    { key: 'colour', header: t('line.colour'), className: 'nowrap', cell: (l) => l.colour },
    { key: 'size', header: t('line.size'), className: 'dims', cell: (l) => breakAtTimes(l.size) },
    { key: 'unit', header: t('line.unit'), className: 'c nowrap', cell: (l) => l.unitName },
    { key: 'qty', header: t('line.qty'), className: 'n', cell: (l) => fmtQty(l.qty), foot: fmtQty(doc.totalQty), footTestId: 'print-total-qty' },
  ];
  if (money) {
    cols.push({ key: 'price', header: t('line.price'), className: 'n', cell: (l) => fmtPrice(l.price) });
    if (kind.lines?.includes('discount'))
      cols.push({ key: 'discount', header: t('print.discount'), className: 'n', cell: (l) => trimDecimal(l.discount ?? '0') });
    cols.push(
      { key: 'amount', header: t('line.amount'), className: 'n', cell: (l) => fmtMoney(l.amount), foot: fmtMoney(doc.amount) },
      { key: 'taxRate', header: t('line.taxRate'), className: 'n', cell: (l) => trimDecimal(l.taxRate) },
      { key: 'taxAmount', header: t('line.taxAmount'), className: 'n', cell: (l) => fmtMoney(l.taxAmount), foot: fmtMoney(doc.taxAmount) },
      { key: 'total', header: t('line.total'), className: 'n', cell: (l) => fmtMoney(l.total), foot: fmtMoney(doc.total), footTestId: 'print-total' },
    );
  }
  if (kind.lines?.includes('promisedDate')) cols.push({ key: 'promised', header: t('line.promisedDate'), className: 'c nowrap', cell: (l) => l.promisedDate });
  return cols;
}

/** 2800×1700×820 may go onto two lines after a ×, never one character a line, when A4 runs short of width. */
function breakAtTimes(text: string | null): ReactNode {
  if (!text) return text;
  const parts = text.split(/(?<=[×*xX])(?=\d)/);
  return parts.length < 2 ? text : parts.map((p, i) => (i ? [<wbr key={p + String(i)} />, p] : p));
}

type Allocation = NonNullable<DocView['allocations']>[number];

function settlementColumns(kind: DocKind, doc: DocView, t: (k: MsgKey) => string): PrintColumn<Allocation>[] {
  const allocates = kind.settlement?.allocates;
  const kindWord = (code: string | undefined) => {
    const key = kindName(code);
    return key ? t(key) : '';
  };
  return [
    { key: 'no', header: t('print.lineNo'), className: 'c', cell: (_a, i) => i + 1 },
    { key: 'number', header: t('doc.number'), className: 'nowrap', cell: (a) => a.number },
    { key: 'kind', header: t('settle.kind'), cell: (a) => kindWord(decIsNeg(a.signedAmount) ? allocates?.negative : allocates?.positive) },
    {
      key: 'amount',
      header: t('settle.thisTime'),
      className: 'n',
      cell: (a) => fmtMoney(a.signedAmount),
      foot: fmtMoney(doc.settled ?? doc.total),
      footTestId: 'print-total',
    },
  ];
}

/** The lines [range) of one form; the 合计 row only on the last. */
function LinesTable<T>({
  columns,
  rows,
  range,
  footLabel,
  withFoot,
  widths,
}: {
  columns: PrintColumn<T>[];
  rows: T[];
  range: FormRange;
  footLabel: string;
  withFoot: boolean;
  /** % of the table per column, as measured with every line: each form then lays its lines out alike */
  widths?: number[];
}) {
  const firstFoot = columns.findIndex((c) => c.foot !== undefined);
  const fixed = widths?.length === columns.length;
  return (
    <table className="print-lines" data-testid="print-lines" style={fixed ? { tableLayout: 'fixed' } : undefined}>
      {fixed ? (
        <colgroup>
          {columns.map((c, i) => (
            <col key={c.key} style={{ width: `${widths[i]}%` }} />
          ))}
        </colgroup>
      ) : null}
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} className={`col-${c.key}`}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.slice(range.start, range.end).map((row, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a printed line's place is its identity on the form
          <tr key={range.start + j} data-testid="print-line">
            {columns.map((c) => (
              <td key={c.key} className={[c.className, `col-${c.key}`].filter(Boolean).join(' ')}>
                {c.cell(row, range.start + j)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      {withFoot && firstFoot >= 0 ? (
        <tfoot>
          <tr>
            <td colSpan={firstFoot} className="c">
              {footLabel}
            </td>
            {columns.slice(firstFoot).map((c) => (
              <td key={c.key} className="n" data-testid={c.footTestId}>
                {c.foot}
              </td>
            ))}
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

export default function PrintPage() {
  const { resource } = useParams();
  if (resource === 'dealer-authorizations') return <DealerLetter />;
  return <DocPrintPage />;
}

/**
 * Lines split over forms by what the sheet holds: measured once on an unpaged sheet of
 * the paper's width with every line (names may wrap, addresses are long), then split
 * by `splitIntoForms`. The column widths measured there are kept for every form, so each
 * line is as tall on its form as it was measured. Measured again when the paper, the
 * language or the document changes.
 */
function measureForms(sheet: HTMLElement, paper: Paper, lineCount: number): Paging {
  const table = sheet.querySelector<HTMLTableElement>('table.print-lines');
  const foot = sheet.querySelector<HTMLElement>('.print-form-foot');
  if (!table?.tHead || !foot) return { forms: [{ start: 0, end: lineCount }], widths: [] };
  const tableWidth = table.getBoundingClientRect().width;
  const widths = Array.from(table.tHead.rows[0]?.cells ?? []).map((th) => (th.getBoundingClientRect().width / tableWidth) * 100);
  const p = PAPERS[paper];
  const formHeight = (p.height - p.margin.top - p.margin.bottom - FORM_SLACK_MM) * PX_PER_MM;
  const box = sheet.getBoundingClientRect();
  const contentTop = box.top + Number.parseFloat(getComputedStyle(sheet).paddingTop);
  const lines = Array.from(table.tBodies[0]?.rows ?? []).map((r) => r.getBoundingClientRect());
  const headBottom = table.tHead.getBoundingClientRect().bottom;
  const linesBottom = lines.at(-1)?.bottom ?? headBottom;
  const footBox = foot.getBoundingClientRect();
  // the head (repeated) and the page number take their room on every form; the 合计 row,
  // 大写 and signatures only on the last. 2 px for the table's closing border and rounding.
  const body = formHeight - (headBottom - contentTop) - footBox.height - 2;
  const closing = footBox.top - linesBottom;
  return {
    forms: splitIntoForms(
      lines.map((r) => r.height),
      { body, last: body - closing },
    ),
    widths,
  };
}

interface Paging {
  forms: FormRange[];
  widths: number[];
}

function DocPrintPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { resource, id } = useParams();
  const { can } = useSession();
  const session = useCurrentSession();
  const [paper, setPaperState] = useState<Paper>(initialPaper);
  const kind = isDocResource(resource) ? DOC_KINDS[resource] : undefined;
  const allowed = !!kind && can(`${kind.resource}:view`);
  const doc = useDoc(kind?.resource ?? 'purchase-bills', allowed ? id : undefined);
  const pres = kind ? partyOf(kind).resource : 'suppliers';
  const ui = useKindUi(kind);
  const supplier = useRow(pres, doc.data?.partnerId && can(`${pres}:view`) ? doc.data.partnerId : undefined);
  const [printedAt] = useState(() => dayjs().format('YYYY-MM-DD HH:mm'));
  const [fontsReady, setFontsReady] = useState(() => document.fonts?.status !== 'loading');
  const [paged, setPaged] = useState<(Paging & { key: string }) | null>(null);
  const probe = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (kind && doc.data) document.title = `${t(kind.name)} ${doc.data.number}`;
  }, [kind, doc.data, t]);
  useEffect(() => {
    if (fontsReady) return;
    let live = true;
    void document.fonts.ready.then(() => live && setFontsReady(true));
    return () => {
      live = false;
    };
  }, [fontsReady]);

  const d = doc.data;
  const lineCount = !d || !kind ? 0 : kind.layout === 'goods' ? d.lines.length : kind.layout === 'settlement' ? (d.allocations ?? []).length : 0;
  // what the split depends on: another paper, language, version or partner (address lines) is measured anew
  const pageKey = d ? `${paper}|${i18n.lang}|${d.id}|${d.version}|${lineCount}|${supplier.data ? 1 : 0}|${fontsReady ? 1 : 0}` : '';
  const forms = paged?.key === pageKey ? paged.forms : null;
  const widths = paged?.key === pageKey ? paged.widths : undefined;

  useLayoutEffect(() => {
    if (!d || forms || !probe.current) return;
    setPaged({ key: pageKey, ...measureForms(probe.current, paper, lineCount) });
  });

  const setPaper = (p: Paper) => {
    setPaperState(p);
    try {
      localStorage.setItem(PAPER_KEY, p);
    } catch {
      // not kept
    }
  };

  if (!kind) return <Result status="404" title={t('notFound.title')} />;
  if (!allowed) return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.text')} />;
  if (doc.isPending || !ui) return <Spin style={{ margin: 48 }} />;
  if (doc.isError || !d) return <Result status="warning" title={t('doc.loadError')} subTitle={errorText(doc.error, i18n)} />;
  const goods = kind.layout === 'goods';
  // a goods document without `<resource>:price` comes without its money (X4): print none of it
  const money = !goods || d.total != null;
  const total = kind.layout === 'settlement' ? (d.settled ?? d.total) : d.total;
  const s = supplier.data;
  const print = kind.print ?? {};
  const title = t(print.title ?? kind.name);
  // several copies (发货单: a 仓库联 that drives picking and a 客户联 the customer signs)
  const copies: (string | null)[] = print.copies?.map((c) => t(c)) ?? [null];
  const signs = new Set(print.signatures ?? []);
  const source = kind.source;

  const lines = (range: FormRange, last: boolean) =>
    goods ? (
      <LinesTable columns={goodsColumns(kind, d, money, t)} rows={d.lines} range={range} footLabel={t('stock.totals')} withFoot={last} widths={widths} />
    ) : kind.layout === 'settlement' ? (
      <LinesTable
        columns={settlementColumns(kind, d, t)}
        rows={d.allocations ?? []}
        range={range}
        footLabel={t('settle.settledTotal')}
        withFoot={last}
        widths={widths}
      />
    ) : null;

  // the head's 客户 / 仓库 / 联系人 … pairs: two a row on A4, three on the wider, shorter 241 mm forms
  const perRow = paper === 'a4' ? 2 : 3;
  const headPairs: { key: string; label: ReactNode; value: ReactNode }[] = [
    { key: 'partner', label: t(partyOf(kind).label), value: `${d.partnerName ?? ''}${d.partnerCode ? ` (${d.partnerCode})` : ''}` },
    ...(goods ? [{ key: 'warehouse', label: t('doc.warehouse'), value: d.warehouseName }] : []),
    { key: 'contact', label: t('print.contact'), value: s ? String(s.contact ?? '') : '' },
    { key: 'phone', label: t('print.phone'), value: s ? [s.phone, s.mobile].filter(Boolean).join(' / ') : '' },
    ...(print.shipTo && goods && s
      ? [
          { key: 'address', label: t('print.address'), value: String(s.shippingAddress ?? '') },
          { key: 'consignee', label: t('print.consignee'), value: [s.consignee, s.consigneePhone].filter(Boolean).join(' ') },
        ]
      : []),
    ...(!goods
      ? [
          { key: 'account', label: t('doc.account'), value: d.accountName },
          { key: 'employee', label: t('doc.employee'), value: d.employeeName },
        ]
      : []),
    ...(source?.from === 'bill' && d.billNumber ? [{ key: 'bill', label: t(source.word), value: d.billNumber }] : []),
  ];

  const head = (copy: string | null, page: number) => (
    <div className="print-form-head">
      <div className="print-top">
        {copy ? (
          <div className="print-copy" data-testid="print-copy">
            {copy}
          </div>
        ) : null}
        <div className="print-company" data-testid="print-company">
          {session.company.name}
        </div>
        <h1 className="print-title" data-testid="print-title">
          {title}
        </h1>
      </div>
      <div className="print-meta">
        <span>
          {t('doc.number')}: <b data-testid="print-number">{d.number}</b>
          {page > 1 ? (
            <span className="print-continued" data-testid="print-continued">
              {t('print.continued')}
            </span>
          ) : null}
        </span>
        <span>
          {t('doc.date')}: {d.date}
        </span>
        {d.status !== 'audited' ? <span className="print-status">{t(`status.${d.status}` as 'status.saved')}</span> : null}
      </div>
      <table className="print-head">
        <tbody>
          {chunk(headPairs, perRow).map((row) => (
            <tr key={row[0]?.key}>
              {row.map((pair, i) => (
                <Fragment key={pair.key}>
                  <th>{pair.label}</th>
                  <td colSpan={i === row.length - 1 ? 1 + 2 * (perRow - row.length) : 1}>{pair.value}</td>
                </Fragment>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  // what follows the lines, on the last form only
  const closing = (
    <div className="print-form-end">
      {ui.PrintBeforeFigures ? <ui.PrintBeforeFigures doc={d} money={money} /> : null}
      {kind.layout === 'settlement' ? (
        <table className="print-head print-figures">
          <tbody>
            <tr>
              <th>{t('settle.paymentTotal')}</th>
              <td className="n">{fmtMoney(d.paymentTotal)}</td>
              <th>{t('settle.prepaymentUsed')}</th>
              <td className="n">{fmtMoney(d.prepaymentUsed)}</td>
            </tr>
            <tr>
              <th>{t('settle.settledTotal')}</th>
              <td className="n">{fmtMoney(d.settled)}</td>
              <th>{t('settle.surplus')}</th>
              <td className="n">{fmtMoney(d.surplus)}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
      {kind.layout === 'prepayment' ? (
        <table className="print-head print-figures">
          <tbody>
            <tr>
              <th>{t('prepay.amount')}</th>
              <td className="n" data-testid="print-total">
                {fmtMoney(d.total)}
              </td>
            </tr>
          </tbody>
        </table>
      ) : null}
      {money ? (
        <div className="print-words">
          <span>{t('print.totalInWords')}:</span> <b data-testid="print-words">{moneyInWords(total)}</b>
          <span className="print-words-fig">¥ {fmtMoney(total)}</span>
        </div>
      ) : null}
      {ui.PrintAfterWords ? <ui.PrintAfterWords doc={d} money={money} /> : null}
      {d.remark ? (
        <div className="print-remark">
          {t('doc.remark')}: {d.remark}
        </div>
      ) : null}
      <div className="print-sign" data-testid="print-sign">
        <span>
          {t('print.preparedBy')}: <u>{d.createdByName ?? ''}</u>
        </span>
        <span>
          {t('print.auditedBy')}: <u>{d.auditedByName ?? '\u3000\u3000\u3000'}</u>
        </span>
        <span>
          {t('print.handledBy')}: <u>{d.employeeName ?? '\u3000\u3000\u3000'}</u>
        </span>
        {signs.has('customer') ? (
          <span>
            {t('print.customerSign')}: <u>{'\u3000\u3000\u3000\u3000'}</u>
          </span>
        ) : null}
        {signs.has('receivedBy') ? (
          <span>
            {t('print.receivedBy')}: <u>{'\u3000\u3000\u3000\u3000'}</u>
          </span>
        ) : null}
      </div>
    </div>
  );

  const foot = (page: number, pages: number) => (
    <div className="print-form-foot">
      <span data-testid="print-page-no">{t('print.pageOf', { page, pages })}</span>
      <span>
        {t('print.printedAt')}: {printedAt}
      </span>
    </div>
  );

  return (
    <div className={`print-root paper-${paper}`} data-testid="print-page" data-paper={paper} style={paperVars(paper)}>
      <style>{pageCss(paper)}</style>
      <div className="print-toolbar no-print">
        <Space wrap>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="btn-do-print" disabled={!forms}>
            {t('common.print')}
          </Button>
          <span>{t('print.paper')}</span>
          <Radio.Group value={paper} onChange={(e) => setPaper(e.target.value as Paper)} optionType="button" size="small">
            {PAPER_LIST.map((p) => (
              <Radio.Button key={p} value={p}>
                <span data-testid={`paper-${p}`}>{t(`print.paper.${p}` as MsgKey)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
          <Button icon={<ArrowLeftOutlined />} href={`${kind.base}/${d.id}`} size="small">
            {t('print.back')}
          </Button>
          <LangSwitch />
        </Space>
      </div>
      {forms ? (
        <div className="print-forms" data-testid="print-forms">
          {copies.flatMap((copy, ci) =>
            forms.map((range, fi) => (
              <div className="print-sheet" data-testid="print-sheet" data-copy={ci + 1} data-page={fi + 1} key={`${copy ?? ''}-${range.start}-${range.end}`}>
                {head(copy, fi + 1)}
                {lines(range, fi === forms.length - 1)}
                {fi === forms.length - 1 ? closing : null}
                {foot(fi + 1, forms.length)}
              </div>
            )),
          )}
        </div>
      ) : (
        // every line on one unbounded sheet, measured before it is painted
        <div className="print-sheet print-probe" ref={probe} aria-hidden>
          {head(copies[0] ?? null, 1)}
          {lines({ start: 0, end: lineCount }, true)}
          {closing}
          {foot(1, 1)}
        </div>
      )}
    </div>
  );
}
