import type { Schema, Struct } from '@strapi/strapi';

export interface GuideChapter extends Struct.ComponentSchema {
  collectionName: 'components_guide_chapters';
  info: {
    description: 'One chapter of a guide, with an optional note.';
    displayName: 'Chapter';
  };
  attributes: {
    heading: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 80;
      }>;
    note: Schema.Attribute.Component<'guide.note', false>;
  };
}

export interface GuideNote extends Struct.ComponentSchema {
  collectionName: 'components_guide_notes';
  info: {
    description: 'A remark, optionally pointing to the section it is about.';
    displayName: 'Note';
  };
  attributes: {
    section: Schema.Attribute.Relation<'oneToOne', 'api::section.section'>;
    text: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
      }>;
  };
}

export interface GuideQuote extends Struct.ComponentSchema {
  collectionName: 'components_guide_quotes';
  info: {
    description: 'A quotation with its source.';
    displayName: 'Quote';
  };
  attributes: {
    source: Schema.Attribute.String;
    text: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'guide.chapter': GuideChapter;
      'guide.note': GuideNote;
      'guide.quote': GuideQuote;
    }
  }
}
