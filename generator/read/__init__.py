"""Reading seeds: seeds.py lists them and hands each file to its format's reader."""
