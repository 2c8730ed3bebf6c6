// Scanning a QR code with the camera where the browser has BarcodeDetector (Shape Detection API);
// elsewhere the button is not shown and typing the code works as always.
import { useEffect, useRef, useState } from 'react';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorCtor = new (options: { formats: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorCtor | undefined {
  const ctor: unknown = Reflect.get(globalThis, 'BarcodeDetector');
  return typeof ctor === 'function' && navigator.mediaDevices ? (ctor as BarcodeDetectorCtor) : undefined;
}

/** A "Scan" button; `onText` gets each code read and returns true once it is the one wanted. */
export function ScanCode({
  label,
  stopLabel,
  onText,
}: {
  label: string;
  stopLabel: string;
  onText: (text: string) => boolean;
}) {
  const [on, setOn] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const found = useRef(onText);
  found.current = onText;
  const Detector = detectorClass();

  useEffect(() => {
    if (!on || !Detector) return;
    let live = true;
    let stream: MediaStream | undefined;
    const detector = new Detector({ formats: ['qr_code'] });
    const look = async () => {
      while (live && video.current) {
        const codes = await detector.detect(video.current).catch(() => []);
        if (codes.some((c) => found.current(c.rawValue))) {
          setOn(false);
          return;
        }
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (!live || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        await look();
      })
      .catch(() => setOn(false));
    return () => {
      live = false;
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [on, Detector]);

  if (!Detector) return null;
  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => setOn((v) => !v)}>
        {on ? stopLabel : label}
      </button>
      {on ? <video ref={video} className="scan-video" muted playsInline /> : null}
    </>
  );
}
