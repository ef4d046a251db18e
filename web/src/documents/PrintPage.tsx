import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Radio, Result, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { errorText } from '../api/errors';
import { LangSwitch } from '../app/LangSwitch';
import { useCurrentSession, useSession } from '../app/session';
import { useRow } from '../crud/queries';
import { useI18n } from '../i18n';
import { moneyInWords } from '../lib/chineseMoney';
import { decIsNeg, fmtMoney, fmtPrice, fmtQty, trimDecimal } from '../lib/decimal';
import { type DocView, useDoc } from './api';
import { DealerLetter } from './DealerLetter';
import { DOC_KINDS, type DocKind, isDocResource, isSales, partnerLabel, partnerResource } from './kinds';

type Paper = 'a4' | 'continuous';
const PAPER_KEY = 'erp.print.paper';

/** @page for the chosen paper: A4, or the 241 mm continuous multi-part paper (二等分 241×140). */
function pageCss(paper: Paper) {
  return paper === 'a4' ? '@page { size: A4 portrait; margin: 12mm 10mm 12mm 10mm; }' : '@page { size: 241mm 140mm; margin: 6mm 8mm 6mm 8mm; }';
}

function initialPaper(): Paper {
  try {
    return localStorage.getItem(PAPER_KEY) === 'continuous' ? 'continuous' : 'a4';
  } catch {
    return 'a4';
  }
}

function GoodsLines({ doc, kind }: { doc: DocView; kind: DocKind }) {
  const { t } = useI18n();
  return (
    <table className="print-lines" data-testid="print-lines">
      <thead>
        <tr>
          <th style={{ width: '5%' }}>{t('print.lineNo')}</th>
          <th>{t('line.code')}</th>
          <th>{t('line.name')}</th>
          <th>{t('line.spec')}</th>
          <th>{t('line.colour')}</th>
          <th>{t('line.size')}</th>
          <th>{t('line.unit')}</th>
          <th>{t('line.qty')}</th>
          <th>{t('line.price')}</th>
          {isSales(kind) ? <th>{t('print.discount')}</th> : null}
          <th>{t('line.amount')}</th>
          <th>{t('line.taxRate')}</th>
          <th>{t('line.taxAmount')}</th>
          <th>{t('line.total')}</th>
          {kind.isOrder && !isSales(kind) ? <th>{t('line.promisedDate')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {doc.lines.map((l, i) => (
          <tr key={l.id}>
            <td className="c">{i + 1}</td>
            <td>{l.productCode}</td>
            <td>{l.productName}</td>
            <td>{l.spec}</td>
            <td>{l.colour}</td>
            <td>{l.size}</td>
            <td className="c">{l.unitName}</td>
            <td className="n">{fmtQty(l.qty)}</td>
            <td className="n">{fmtPrice(l.price)}</td>
            {isSales(kind) ? <td className="n">{trimDecimal(l.discount ?? '0')}</td> : null}
            <td className="n">{fmtMoney(l.amount)}</td>
            <td className="n">{trimDecimal(l.taxRate)}</td>
            <td className="n">{fmtMoney(l.taxAmount)}</td>
            <td className="n">{fmtMoney(l.total)}</td>
            {kind.isOrder && !isSales(kind) ? <td className="c nowrap">{l.promisedDate}</td> : null}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={7} className="c">
            {t('stock.totals')}
          </td>
          <td className="n">{fmtQty(doc.totalQty)}</td>
          <td />
          {isSales(kind) ? <td /> : null}
          <td className="n">{fmtMoney(doc.amount)}</td>
          <td />
          <td className="n">{fmtMoney(doc.taxAmount)}</td>
          <td className="n" data-testid="print-total">
            {fmtMoney(doc.total)}
          </td>
          {kind.isOrder && !isSales(kind) ? <td /> : null}
        </tr>
      </tfoot>
    </table>
  );
}

function SettlementLines({ doc }: { doc: DocView }) {
  const { t } = useI18n();
  return (
    <table className="print-lines" data-testid="print-lines">
      <thead>
        <tr>
          <th style={{ width: '8%' }}>{t('print.lineNo')}</th>
          <th>{t('doc.number')}</th>
          <th>{t('settle.kind')}</th>
          <th>{t('settle.thisTime')}</th>
        </tr>
      </thead>
      <tbody>
        {(doc.allocations ?? []).map((a, i) => (
          <tr key={a.documentId}>
            <td className="c">{i + 1}</td>
            <td>{a.number}</td>
            <td>{decIsNeg(a.signedAmount) ? t('kind.purchase_return') : t('kind.purchase_bill')}</td>
            <td className="n">{fmtMoney(a.signedAmount)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={3} className="c">
            {t('settle.settledTotal')}
          </td>
          <td className="n" data-testid="print-total">
            {fmtMoney(doc.settled ?? doc.total)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

export default function PrintPage() {
  const { resource } = useParams();
  if (resource === 'dealer-authorizations') return <DealerLetter />;
  return <DocPrintPage />;
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
  const pres = kind ? partnerResource(kind) : 'suppliers';
  const supplier = useRow(pres, doc.data?.partnerId && can(`${pres}:view`) ? doc.data.partnerId : undefined);

  useEffect(() => {
    if (kind && doc.data) document.title = `${t(kind.name)} ${doc.data.number}`;
  }, [kind, doc.data, t]);

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
  if (doc.isPending) return <Spin style={{ margin: 48 }} />;
  if (doc.isError) return <Result status="warning" title={t('doc.loadError')} subTitle={errorText(doc.error, i18n)} />;
  const d = doc.data;
  const goods = kind.layout === 'goods';
  const total = kind.layout === 'settlement' ? (d.settled ?? d.total) : d.total;
  const s = supplier.data;
  const sales = isSales(kind);
  const title = kind.kind === 'sales_order' ? t('print.orderConfirmation') : kind.kind === 'sales_return' ? t('print.returnConfirmation') : t(kind.name);
  // 发货单: a 仓库联 that drives picking and a 客户联 the customer signs
  const copies: (string | null)[] = kind.kind === 'sales_delivery' ? [t('print.warehouseCopy'), t('print.customerCopy')] : [null];

  return (
    <div className={`print-root paper-${paper}`} data-testid="print-page">
      <style>{pageCss(paper)}</style>
      <div className="print-toolbar no-print">
        <Space wrap>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="btn-do-print">
            {t('common.print')}
          </Button>
          <span>{t('print.paper')}</span>
          <Radio.Group
            value={paper}
            onChange={(e) => setPaper(e.target.value as Paper)}
            optionType="button"
            size="small"
            options={[
              { value: 'a4', label: t('print.a4') },
              { value: 'continuous', label: t('print.continuous') },
            ]}
          />
          <Button icon={<ArrowLeftOutlined />} href={`${kind.base}/${d.id}`} size="small">
            {t('print.back')}
          </Button>
          <LangSwitch />
        </Space>
      </div>
      {copies.map((copy, ci) => (
        <div className="print-sheet" data-testid="print-sheet" key={copy ?? 'one'} style={ci > 0 ? { pageBreakBefore: 'always', marginTop: 24 } : undefined}>
          {copy ? (
            <div className="print-copy" data-testid="print-copy" style={{ float: 'right', border: '1px solid #000', padding: '0 6px' }}>
              {copy}
            </div>
          ) : null}
          <div className="print-company" data-testid="print-company">
            {session.company.name}
          </div>
          <h1 className="print-title" data-testid="print-title">
            {title}
          </h1>
          <div className="print-meta">
            <span>
              {t('doc.number')}: <b data-testid="print-number">{d.number}</b>
            </span>
            <span>
              {t('doc.date')}: {d.date}
            </span>
            {d.status !== 'audited' ? <span className="print-status">{t(`status.${d.status}` as 'status.saved')}</span> : null}
          </div>
          <table className="print-head">
            <tbody>
              <tr>
                <th>{t(partnerLabel(kind))}</th>
                <td colSpan={goods ? 1 : 3}>
                  {d.partnerName}
                  {d.partnerCode ? ` (${d.partnerCode})` : ''}
                </td>
                {goods ? (
                  <>
                    <th>{t('doc.warehouse')}</th>
                    <td>{d.warehouseName}</td>
                  </>
                ) : null}
              </tr>
              <tr>
                <th>{t('print.contact')}</th>
                <td>{s ? String(s.contact ?? '') : ''}</td>
                <th>{t('print.phone')}</th>
                <td>{s ? [s.phone, s.mobile].filter(Boolean).join(' / ') : ''}</td>
              </tr>
              {!goods ? (
                <tr>
                  <th>{t('doc.account')}</th>
                  <td>{d.accountName}</td>
                  <th>{t('doc.employee')}</th>
                  <td>{d.employeeName}</td>
                </tr>
              ) : null}
              {kind.source === 'bill' && d.billNumber ? (
                <tr>
                  <th>{t(sales ? 'doc.delivery' : 'doc.bill')}</th>
                  <td colSpan={3}>{d.billNumber}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {sales && goods && s ? (
            <table className="print-head">
              <tbody>
                <tr>
                  <th>{t('print.address')}</th>
                  <td>{String(s.shippingAddress ?? '')}</td>
                  <th>{t('print.consignee')}</th>
                  <td>{[s.consignee, s.consigneePhone].filter(Boolean).join(' ')}</td>
                </tr>
              </tbody>
            </table>
          ) : null}
          {goods ? <GoodsLines doc={d} kind={kind} /> : null}
          {kind.kind === 'sales_order' ? (
            <div className="print-remark" data-testid="print-to-pay">
              <p>
                {t('print.confirmNote', {
                  receivable: fmtMoney(d.customerReceivable),
                  advance: fmtMoney(d.customerAdvance),
                  total: fmtMoney(d.total),
                  deposit: fmtMoney(d.depositRequired),
                })}
              </p>
              <p style={{ fontSize: 16 }}>
                {t('print.totalToPay')}: <b>¥ {fmtMoney(d.totalToPay)}</b> （{moneyInWords(d.totalToPay)}）
              </p>
            </div>
          ) : null}
          {kind.layout === 'settlement' ? (
            <>
              <SettlementLines doc={d} />
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
            </>
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
          <div className="print-words">
            <span>{t('print.totalInWords')}:</span> <b data-testid="print-words">{moneyInWords(total)}</b>
            <span className="print-words-fig">¥ {fmtMoney(total)}</span>
          </div>
          {kind.kind === 'sales_return' ? (
            <div className="print-remark" data-testid="print-inspection">
              {t('return.inspection')}: {d.inspection ?? ''}
            </div>
          ) : null}
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
            {sales && goods ? (
              <span>
                {t('print.customerSign')}: <u>{'\u3000\u3000\u3000\u3000'}</u>
              </span>
            ) : null}
            {goods && kind.kind !== 'sales_order' ? (
              <span>
                {t('print.receivedBy')}: <u>{'\u3000\u3000\u3000\u3000'}</u>
              </span>
            ) : null}
          </div>
          <div className="print-foot">
            {t('print.printedAt')}: {dayjs().format('YYYY-MM-DD HH:mm')}
          </div>
        </div>
      ))}
    </div>
  );
}
