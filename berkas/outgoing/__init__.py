"""What berkas sends: templates rendered, letters as PDF, the outbox and its SMTP transport."""
