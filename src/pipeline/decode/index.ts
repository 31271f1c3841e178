import type { EncodingProvenance } from '../../schemas/source.ts';
import { bytesToText } from './bytes.ts';
import { repairMojibake } from './repair.ts';

/** Decoded text plus the record of how it was obtained. */
export interface Decoded {
  text: string;
  provenance: EncodingProvenance;
}

/**
 * Turns the bytes of an inbox file into clean text: detects the encoding (BOM, UTF-8,
 * legacy code pages), then undoes mojibake line by line. Pure: no I/O.
 * Throws a `DecodeError` for input that is not text at all (binary files).
 */
export function decode(bytes: Uint8Array): Decoded {
  const read = bytesToText(bytes);
  const repaired = repairMojibake(read.text);
  return {
    text: repaired.text,
    provenance: {
      detected: read.encoding,
      repairs: repaired.repairs,
      confidence: Math.min(read.confidence, repaired.confidence),
      changedLines: repaired.changedLines,
    },
  };
}

export { DecodeError } from './bytes.ts';
