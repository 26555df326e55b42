import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { filingApi } from '../filing/filing-api';
import { errorMessage } from '../i18n/error-message';

interface PdfViewerProps {
  /** `contentUrl` of a filed document; fetched with the session's token. */
  url: string;
  title: string;
  page: number;
  onPageCount(count: number): void;
}

/**
 * Loads pdf.js on first use only (it is large) with its worker from the same origin. The
 * worker parses the file away from the page, and what is drawn is pixels on a canvas: the
 * filed PDF's own scripts and links never run here, whatever the file carries.
 */
async function loadPdfJs() {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs;
}

/**
 * Shows a filed PDF in the page by drawing it with pdf.js into a canvas, one page at a time:
 * this works the same in every browser, headless ones included, unlike the built-in viewers.
 */
export function PdfViewer({ url, title, page, onPageCount }: PdfViewerProps) {
  const { t, i18n } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [pdf, setPdf] = useState<{ url: string; document: PDFDocumentProxy } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [rendering, setRendering] = useState(true);
  const onPageCountRef = useRef(onPageCount);
  onPageCountRef.current = onPageCount;

  useEffect(() => {
    const controller = new AbortController();
    let task: { destroy(): Promise<void> } | null = null;
    setError(null);
    setPdf(null);
    setRendering(true);
    (async () => {
      const [pdfjs, blob] = await Promise.all([loadPdfJs(), filingApi.download(`${url}?disposition=inline`, controller.signal)]);
      const data = new Uint8Array(await blob.arrayBuffer());
      if (controller.signal.aborted) return;
      // No XFA forms: the file is evidence to look at, not a program to run.
      const loading = pdfjs.getDocument({ data, enableXfa: false });
      task = loading;
      const loaded = await loading.promise;
      if (controller.signal.aborted) return;
      setPdf({ url, document: loaded });
      onPageCountRef.current(loaded.numPages);
    })().catch((caught: unknown) => {
      if (!controller.signal.aborted) {
        setError(caught);
        setRendering(false);
      }
    });
    return () => {
      controller.abort();
      void task?.destroy();
    };
  }, [url]);

  useEffect(() => {
    if (!pdf || pdf.url !== url) return;
    let cancelled = false;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    setRendering(true);
    (async () => {
      const pdfPage = await pdf.document.getPage(Math.min(Math.max(page, 1), pdf.document.numPages));
      const canvas = canvasRef.current;
      if (cancelled || !canvas) return;
      const unscaled = pdfPage.getViewport({ scale: 1 });
      const width = canvas.parentElement?.clientWidth || 800;
      const ratio = window.devicePixelRatio || 1;
      const viewport = pdfPage.getViewport({ scale: (width / unscaled.width) * ratio });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.inlineSize = `${Math.floor(viewport.width / ratio)}px`;
      task = pdfPage.render({ canvas, viewport });
      await task.promise;
      if (!cancelled) setRendering(false);
    })().catch((caught: unknown) => {
      if (!cancelled && (caught as { name?: string })?.name !== 'RenderingCancelledException') {
        setError(caught);
        setRendering(false);
      }
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [pdf, page, url]);

  return (
    <div className="pdf-viewer" aria-busy={rendering}>
      {error ? (
        <p className="notice notice--error" role="alert">
          {t('clerk.review.pdfFailed')} {errorMessage(error, i18n)}
        </p>
      ) : (
        <>
          {rendering && (
            <p className="muted pdf-viewer__loading" role="status">
              {t('clerk.review.pdfLoading')}
            </p>
          )}
          <canvas
            ref={canvasRef}
            className="pdf-viewer__canvas"
            role="img"
            aria-label={t('clerk.review.pdfLabel', { page, title })}
            data-rendered={rendering ? undefined : 'true'}
          />
        </>
      )}
    </div>
  );
}
