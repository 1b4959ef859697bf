"""Fields read from each kind of document: the form, the appointment and the cover letter."""
