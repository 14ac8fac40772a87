export class Clock {
}
export class SystemClock extends Clock {
    now() {
        return new Date();
    }
}
export class ManualClock extends Clock {
    current;
    constructor(start = '2026-11-23T00:00:00Z') {
        super();
        this.current = new Date(start).getTime();
    }
    now() {
        return new Date(this.current);
    }
    set(instant) {
        this.current = new Date(instant).getTime();
    }
    advance(ms) {
        this.current += ms;
    }
}
//# sourceMappingURL=clock.js.map