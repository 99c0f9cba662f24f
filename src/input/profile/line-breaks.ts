/** The line breaks of an input, counted block by block: `leadq inspect` reports their style. */

export interface LineBreaks {
  style: 'CRLF' | 'LF' | 'CR' | 'mixed' | 'none';
  crlf: number;
  lf: number;
  cr: number;
}

/** Counts \r\n, \n and \r across blocks (a \r at the end of a block may pair with the next block's \n). */
export class LineBreakCounter {
  private crlf = 0;
  private lf = 0;
  private cr = 0;
  private pendingCr = false;

  add(b: Buffer): void {
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (b.length > 0 && b[0] === 10) { this.crlf++; i = 1; } else this.cr++;
    }
    for (; i < b.length; i++) {
      const c = b[i];
      if (c === 10) this.lf++;
      else if (c === 13) {
        if (i + 1 === b.length) this.pendingCr = true;
        else if (b[i + 1] === 10) { this.crlf++; i++; } else this.cr++;
      }
    }
  }

  result(): LineBreaks {
    if (this.pendingCr) { this.cr++; this.pendingCr = false; }
    const { crlf, lf, cr } = this;
    const kinds = [crlf > 0, lf > 0, cr > 0].filter(Boolean).length;
    const style = kinds === 0 ? 'none' : kinds > 1 ? 'mixed' : crlf > 0 ? 'CRLF' : lf > 0 ? 'LF' : 'CR';
    return { style, crlf, lf, cr };
  }
}
