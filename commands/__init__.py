"""Write side: command structs (what a user asks) and their handlers (load, decide, save)."""
