from archkb.cli import main

raise SystemExit(main())
