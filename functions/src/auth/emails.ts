import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ses } from '#shared/aws-clients.js';
import { setting } from '#shared/environment.js';

/** A message with a plain-text part (what simple clients and tests read) and an HTML part. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** The web app's page for a token: `<APP_URL>/verify-email?token=…` or `<APP_URL>/reset-password?token=…`. */
export function linkTo(appUrl: string, page: 'verify-email' | 'reset-password', token: string): string {
  return `${appUrl.replace(/\/+$/, '')}/${page}?token=${encodeURIComponent(token)}`;
}

export function verificationEmail(username: string, link: string): EmailContent {
  return {
    subject: 'Confirm your email address for Lambdagram',
    text: [
      `Hello ${username},`,
      '',
      'Welcome to Lambdagram! Open this link to confirm your email address:',
      link,
      '',
      'The link works once, within 24 hours. If you did not sign up, ignore this email.',
    ].join('\n'),
    html: page(
      `Hello ${escapeHtml(username)},`,
      'Welcome to Lambdagram! Confirm your email address to start sharing photos.',
      link,
      'Confirm my email address',
      'The link works once, within 24 hours. If you did not sign up, ignore this email.',
    ),
  };
}

export function passwordResetEmail(username: string, link: string): EmailContent {
  return {
    subject: 'Reset your Lambdagram password',
    text: [
      `Hello ${username},`,
      '',
      'Someone (we hope you) asked to reset your Lambdagram password. Open this link to choose a new one:',
      link,
      '',
      'The link works once, within one hour. If you did not ask for it, ignore this email: your password stays as it is.',
    ].join('\n'),
    html: page(
      `Hello ${escapeHtml(username)},`,
      'Someone (we hope you) asked to reset your Lambdagram password.',
      link,
      'Choose a new password',
      'The link works once, within one hour. If you did not ask for it, ignore this email: your password stays as it is.',
    ),
  };
}

/** Sends a message from the app's address (`EMAIL_SENDER`) through SES; returns SES's message id. */
export async function sendEmail(to: string, content: EmailContent): Promise<string | undefined> {
  const { MessageId } = await ses().send(
    new SendEmailCommand({
      FromEmailAddress: setting('EMAIL_SENDER'),
      Destination: { ToAddresses: [to] },
      Content: {
        Simple: {
          Subject: { Data: content.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: content.text, Charset: 'UTF-8' },
            Html: { Data: content.html, Charset: 'UTF-8' },
          },
        },
      },
    }),
  );
  return MessageId;
}

const CONTENT_OF = { 'verify-email': verificationEmail, 'reset-password': passwordResetEmail };

/**
 * Emails an account the link to a page of the app for its token. A failure is logged (the account
 * id and the error, never the token) and answered with false, not thrown: the change the email
 * follows (a new account, a new link) stands either way, and callers answer the same regardless.
 */
export async function emailLink(
  user: { userId: string; username: string; email: string },
  page: 'verify-email' | 'reset-password',
  token: string,
): Promise<boolean> {
  try {
    const link = linkTo(setting('APP_URL'), page, token);
    await sendEmail(user.email, CONTENT_OF[page](user.username, link));
    return true;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(`could not send the ${page} email`, { userId: user.userId, reason });
    return false;
  }
}

function page(greeting: string, intro: string, link: string, action: string, footer: string): string {
  const href = escapeHtml(link);
  return [
    '<!doctype html>',
    '<html><body style="font-family: sans-serif; line-height: 1.5">',
    `<p>${greeting}</p>`,
    `<p>${intro}</p>`,
    `<p><a href="${href}">${action}</a></p>`,
    `<p>Or copy this address into your browser: ${href}</p>`,
    `<p style="color: #666">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
