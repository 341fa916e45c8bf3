"""The legal-acts sign: a catalogue of the town's acts, a PDF reader, an outdoor mode."""
