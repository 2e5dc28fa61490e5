/**
 * JSON shapes of the Mailpit v1 API (github.com/axllent/mailpit, server/apiv1 and
 * internal/storage/structs.go). Field names are Mailpit's, PascalCase included, so tools
 * written against the Supabase CLI's local mail catcher read this inbox unchanged.
 */

/** Go's `net/mail.Address` as encoded by `encoding/json`. */
export type MailpitAddress = { Name: string; Address: string };

export type MailpitAttachment = {
  PartID: string;
  FileName: string;
  ContentType: string;
  ContentID: string;
  Size: number;
  Checksums: { MD5: string; SHA1: string; SHA256: string };
};

export type MailpitListUnsubscribe = {
  Header: string;
  Links: string[];
  Errors: string;
  HeaderPost: string;
};

/** One row of `GET /api/v1/messages` and `GET /api/v1/search`. */
export type MailpitMessageSummary = {
  ID: string;
  MessageID: string;
  Read: boolean;
  From: MailpitAddress;
  To: MailpitAddress[];
  Cc: MailpitAddress[];
  Bcc: MailpitAddress[];
  ReplyTo: MailpitAddress[];
  Subject: string;
  /** Received time, RFC 3339. */
  Created: string;
  Username: string;
  Tags: string[];
  Size: number;
  /** Number of (non-inline) attachments. */
  Attachments: number;
  Snippet: string;
};

/** `GET /api/v1/messages` and `GET /api/v1/search`. */
export type MailpitMessagesSummary = {
  total: number;
  unread: number;
  count: number;
  messages_count: number;
  messages_unread: number;
  start: number;
  tags: string[];
  messages: MailpitMessageSummary[];
};

/** `GET /api/v1/message/{ID}`. */
export type MailpitMessage = {
  ID: string;
  MessageID: string;
  From: MailpitAddress | null;
  To: MailpitAddress[];
  Cc: MailpitAddress[];
  Bcc: MailpitAddress[];
  ReplyTo: MailpitAddress[];
  ReturnPath: string;
  Subject: string;
  ListUnsubscribe: MailpitListUnsubscribe;
  /** The Date header, else the received time, RFC 3339. */
  Date: string;
  Tags: string[];
  Username: string;
  Text: string;
  HTML: string;
  Size: number;
  Inline: MailpitAttachment[];
  Attachments: MailpitAttachment[];
};
