/**
 * The one way UI code gets a user-facing string: `t('popup.title')`. Messages live in
 * locales/<lang>.yml; @wxt-dev/i18n turns them into the extension's `_locales` at build time and
 * the browser picks the language (its UI language, English as the fallback).
 */
import { i18n } from '#i18n';

export const t = i18n.t;
