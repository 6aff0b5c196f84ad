// The page-side half of the browser test's fake Web Serial port: a script put before the page's own, which hands the page a port whose bytes go to the test in Node.

/**
 * Replaces `navigator.serial` with a port picker that gives a fake port. Opening it calls the
 * test's `__boardOpen(baudRate)`; bytes written go to `__boardWrite(text)`; reads pull
 * `__boardRead()` (text the board printed, or `lost` when the test pulled the cable, which
 * errors the stream as a browser does when the device goes). Plain JavaScript: it runs in the page.
 */
export const FAKE_WEB_SERIAL_SCRIPT = `
(() => {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const makePort = () => {
    const port = {
      readable: null,
      writable: null,
      open: async (options) => {
        await window.__boardOpen(options.baudRate);
        port.readable = new ReadableStream({
          pull: async (controller) => {
            for (;;) {
              const out = await window.__boardRead();
              if (out.lost) {
                controller.error(new DOMException('The device has been lost.', 'NetworkError'));
                return;
              }
              if (out.text !== '') {
                controller.enqueue(encoder.encode(out.text));
                return;
              }
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
          },
        });
        port.writable = new WritableStream({ write: (chunk) => window.__boardWrite(decoder.decode(chunk, { stream: true })) });
      },
      close: async () => {
        await window.__boardClose();
      },
    };
    return port;
  };
  const serial = { requestPort: async () => makePort() };
  Object.defineProperty(Navigator.prototype, 'serial', { configurable: true, get: () => serial });
})();
`;
