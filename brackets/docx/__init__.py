"""Word drafts: reading .docx into the Draft model, writing clean and redlined .docx."""
