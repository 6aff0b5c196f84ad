// A 128x64 SSD1306 OLED over I2C as a text display of 21x8 characters, drawn with Espruino's built-in Graphics.

import type { TextDisplay } from '../text-display';
import type { DisplayProfile } from './board-profile';
import { openI2c } from './espruino-i2c';

const WIDTH_PX = 128;
const HEIGHT_PX = 64;
/** The 6x8 font: 21 characters of 6 pixels across 128, and one 8-pixel page per row. */
const CHARACTER_WIDTH_PX = 6;
const PAGE_HEIGHT_PX = 8;
/** I2C control bytes: what follows is commands (0x00) or display data (0x40). */
const COMMANDS = 0x00;
const DATA = 0x40;
/** The SSD1306 takes 400 kHz. */
export const SSD1306_BITRATE_HZ = 400000;

/**
 * Start-up for a 128x64 module with the internal charge pump (SSD1306 datasheet, command table
 * and its application note): display off; clock divide 0x80; multiplex 64 rows; no offset;
 * start line 0; charge pump on; horizontal addressing; columns and rows mirrored (0xA1, 0xC8:
 * the usual module's mounting, text upright with the pins on top); COM pins alternative; contrast
 * 0xCF; pre-charge 0xF1; VCOMH 0x40; show the RAM; not inverted; display on.
 */
export const SSD1306_INIT_COMMANDS = [0xae, 0xd5, 0x80, 0xa8, 0x3f, 0xd3, 0x00, 0x40, 0x8d, 0x14, 0x20, 0x00, 0xa1, 0xc8, 0xda, 0x12, 0x81, 0xcf, 0xd9, 0xf1, 0xdb, 0x40, 0xa4, 0xa6, 0xaf];

/**
 * The OLED as a TextDisplay of 21 columns and 8 rows. A row is one of the controller's 8 pages
 * (8 pixel rows), so `showLine` draws the text into an offscreen page image and sends only that
 * page: a 7-byte column and page window, then 1 + 128 bytes of pixels (about 3.3 ms at
 * 400 kHz). The first write also initialises the controller and clears all eight pages.
 */
export class Ssd1306Display implements TextDisplay {
  readonly columns = Math.floor(WIDTH_PX / CHARACTER_WIDTH_PX);
  readonly rows = HEIGHT_PX / PAGE_HEIGHT_PX;
  private readonly bus: EspruinoI2C;
  private readonly address: number;
  private readonly graphics: EspruinoGraphics;
  /** Commands that point the controller's RAM writes at columns 0-127 of one page (bytes 5 and 6: the page). */
  private readonly window = new Uint8Array([COMMANDS, 0x21, 0, WIDTH_PX - 1, 0x22, 0, 0]);
  /** One page's transfer, reused: the data control byte, then 128 columns. */
  private readonly pageBytes = new Uint8Array(1 + WIDTH_PX);
  private initialised = false;

  constructor(bus: EspruinoI2C, address: number) {
    this.bus = bus;
    this.address = address;
    // vertical_byte: the image's bytes are laid out as the controller's pages, so a page is a plain copy.
    this.graphics = Graphics.createArrayBuffer(WIDTH_PX, HEIGHT_PX, 1, { vertical_byte: true });
    try {
      this.graphics.setFont('6x8');
    } catch (_missing) {
      // A build without the 6x8 font keeps the default 4x6: smaller, still within each page.
    }
    this.pageBytes[0] = DATA;
  }

  show(lines: string[]): void {
    for (let row = 0; row < this.rows; row++) this.showLine(row, row < lines.length ? lines[row] : '');
  }

  showLine(row: number, text: string): void {
    if (row < 0 || row >= this.rows) return;
    if (!this.initialised) this.initialise();
    const top = row * PAGE_HEIGHT_PX;
    this.graphics.clearRect(0, top, WIDTH_PX - 1, top + PAGE_HEIGHT_PX - 1);
    this.graphics.drawString(text.length > this.columns ? text.substring(0, this.columns) : text, 0, top);
    this.sendPage(row);
  }

  private sendPage(page: number): void {
    this.pageBytes.set(new Uint8Array(this.graphics.buffer, page * WIDTH_PX, WIDTH_PX), 1);
    this.window[5] = page;
    this.window[6] = page;
    this.bus.writeTo(this.address, this.window);
    this.bus.writeTo(this.address, this.pageBytes);
  }

  private initialise(): void {
    this.bus.writeTo(this.address, new Uint8Array([COMMANDS].concat(SSD1306_INIT_COMMANDS)));
    this.initialised = true;
    // The controller's RAM holds noise after power-up: clear every page (the image starts blank).
    for (let page = 0; page < this.rows; page++) this.sendPage(page);
  }
}

/** Make the display `profile` describes on its I2C pins (the build's entry passes this to the HAL when the machine has one). */
export function makeSsd1306Display(profile: DisplayProfile): TextDisplay {
  return new Ssd1306Display(openI2c(profile.i2c, SSD1306_BITRATE_HZ), profile.address);
}
