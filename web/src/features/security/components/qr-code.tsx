import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { Skeleton } from "../../../components/ui/skeleton.tsx";

/**
 * The otpauth URI as a QR code, drawn in the browser and kept in this component only (the
 * secret is in it), shown as an image with a text alternative. Always dark on white:
 * scanners need the contrast, in the dark theme too.
 */
export function QrCode({ value, alt, size = 200 }: { value: string; alt: string; size?: number }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void QRCode.toString(value, {
      type: "svg",
      margin: 2,
      errorCorrectionLevel: "M",
      color: { dark: "#000000", light: "#ffffff" },
    }).then((drawn) => {
      if (current) setSvg(drawn);
    });
    return () => {
      current = false;
    };
  }, [value]);
  if (!svg) return <Skeleton className="rounded-lg" style={{ width: size, height: size }} />;
  return (
    <img
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      alt={alt}
      width={size}
      height={size}
      className="rounded-lg border bg-white"
    />
  );
}
