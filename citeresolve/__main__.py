"""``python -m citeresolve``: the same entry point as the console script."""

from citeresolve.cli import main

if __name__ == "__main__":
    main()
