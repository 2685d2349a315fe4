"""Reading reports: the common intermediate form and the text machinery shared by every input form."""
