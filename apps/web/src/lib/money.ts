/** Money: the API counts integer fen; people read and type 元 with at most two decimals. */

/** 123456 → "1,234.56" (元, two decimals, grouped). */
export function fenToYuan(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

/** "1234.5" or "1,234.50" → 123450; null when it is not an amount of 元 with at most two decimals. */
export function yuanToFen(text: string): number | null {
  const cleaned = text.trim().replace(/[,，\s]/g, '');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}
