import { describe, expect, it } from 'vitest';
import { isInAppBrowser, popupFeatures, redirectReason } from './environment.ts';

const desktopChrome =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36';
const iphoneSafari =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const inApp = {
  facebook:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.0;FBBV/123]',
  instagram:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 330.0.0.0 (iPhone14,5; iOS 17_5; en_GB)',
  androidWebView:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/142.0.0.0 Mobile Safari/537.36',
  wechat:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50',
  tiktok:
    'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) musical_ly_2023 Chrome/120 Mobile',
};

describe('the popup or the redirect', () => {
  it('a desktop browser with room gets the popup', () => {
    expect(
      redirectReason({ viewportWidth: 1280, screenWidth: 1920, userAgent: desktopChrome }),
    ).toBeUndefined();
    expect(
      redirectReason({ viewportWidth: 500, screenWidth: 1920, userAgent: desktopChrome }),
    ).toBeUndefined();
  });

  it('below 500 px of window or screen, the redirect', () => {
    expect(redirectReason({ viewportWidth: 499, screenWidth: 1920, userAgent: desktopChrome })).toBe(
      'small-screen',
    );
    expect(redirectReason({ viewportWidth: 390, screenWidth: 390, userAgent: iphoneSafari })).toBe(
      'small-screen',
    );
    expect(redirectReason({ viewportWidth: 1024, screenWidth: 360, userAgent: desktopChrome })).toBe(
      'small-screen',
    );
  });

  it.each(Object.entries(inApp))('an in-app browser (%s) gets the redirect at any size', (_, ua) => {
    expect(isInAppBrowser(ua)).toBe(true);
    expect(redirectReason({ viewportWidth: 1024, screenWidth: 1024, userAgent: ua })).toBe('in-app-browser');
  });

  it('ordinary browsers are not in-app browsers', () => {
    expect(isInAppBrowser(desktopChrome)).toBe(false);
    expect(isInAppBrowser(iphoneSafari)).toBe(false);
  });

  it('the popup is centred over the page and never off screen', () => {
    expect(popupFeatures({ screenX: 100, screenY: 50, outerWidth: 1240, outerHeight: 900 })).toBe(
      'popup,width=440,height=720,left=500,top=140',
    );
    expect(popupFeatures({ screenX: 0, screenY: 0, outerWidth: 300, outerHeight: 300 })).toBe(
      'popup,width=440,height=720,left=0,top=0',
    );
  });
});
