// @deno-types="npm:@types/qrcode@1.5.5"
import QRCode from "npm:qrcode@1.5.4";

/** An SVG QR code (error correction M, one module of quiet zone), for the enrollment screen. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}
