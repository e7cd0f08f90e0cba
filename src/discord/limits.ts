/** Discord's limits on what a bot may send (https://discord.com/developers/docs/resources/message). */
export const DISCORD_LIMITS = {
  /** Characters of message content. */
  content: 2000,
  /** Embeds in one message. */
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  /** Fields in one embed. */
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  /** Characters across all embeds of a message (titles, descriptions, fields, footers, authors). */
  embedTotal: 6000,
  /** Action rows in one message, and buttons in one row. */
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  /** Characters of a component's custom_id. */
  customId: 100,
  /** Autocomplete: choices per answer, and characters of a choice's name and value. */
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** Characters a modal text input can hold. */
  textInput: 4000,
  modalTitle: 45,
  /** Milliseconds within which an interaction must be acknowledged. */
  ackDeadlineMs: 3000,
  /** Minutes an interaction token stays valid for edits and follow-ups. */
  tokenMinutes: 15,
} as const;
