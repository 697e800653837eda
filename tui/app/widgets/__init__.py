"""The widgets of the reader screen, one per module."""
