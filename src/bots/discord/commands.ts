import { ApplicationCommandOptionType, ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';

/** The slash commands, in English with Russian localizations; registered by bulk overwrite, so registering twice changes nothing. */
export const DISCORD_COMMANDS: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
  {
    type: ApplicationCommandType.ChatInput,
    name: 'ask',
    description: 'Ask a question about the Kyrgyzstan–Tajikistan border',
    description_localizations: { ru: 'Вопрос о кыргызско-таджикской границе' },
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'question',
        name_localizations: { ru: 'вопрос' },
        description: 'Your question, in English or Russian',
        description_localizations: { ru: 'Ваш вопрос, по-русски или по-английски' },
        required: true,
        max_length: 1000,
      },
    ],
  },
  {
    type: ApplicationCommandType.ChatInput,
    name: 'sources',
    description: 'The sources I quote, with their dates',
    description_localizations: { ru: 'Источники, которые я цитирую, с датами' },
  },
  {
    type: ApplicationCommandType.ChatInput,
    name: 'about',
    description: 'What I do and how I answer',
    description_localizations: { ru: 'Что я делаю и как отвечаю' },
  },
  {
    type: ApplicationCommandType.ChatInput,
    name: 'help',
    description: 'How to ask, with examples',
    description_localizations: { ru: 'Как задать вопрос, примеры' },
  },
];
