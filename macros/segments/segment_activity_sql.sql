{% macro segment_activity_sql(condition, context, state) -%}
    {{ return(adapter.dispatch('segment_activity_sql')(condition, context, state)) }}
{%- endmacro %}

{% macro default__segment_activity_sql(condition, context, state) -%}
    {#- An activity condition: count / sum / first / last of one or more activity types,
        optionally inside a window ending at the as-of time, optionally only occurrences
        (not) followed by another activity within a delay. Aggregated once per customer in
        its own CTE, then compared in the segment's where clause. -#}
    {%- set segment_name = context.segment -%}
    {%- set allowed = ['activity', 'measure', 'op', 'value', 'of', 'within_hours', 'within_days',
        'filter', 'followed_by', 'not_followed_by', 'followed_within_hours', 'followed_within_days'] -%}
    {{ segment_check_keys(condition, allowed, segment_name, 'activity') }}
    {%- set where = "Segment '" ~ segment_name ~ "', activity " ~ condition.activity ~ ": " -%}
    {%- set columns = state.inputs.activities.columns -%}

    {%- set types = segment_activity_types(condition.activity, segment_name) -%}
    {%- set measure = condition.get('measure', 'count') -%}
    {%- if measure not in ('count', 'sum', 'first', 'last') -%}
        {{ exceptions.raise_compiler_error(where ~ "unknown measure '" ~ measure ~ "'; use count, sum, first or last") }}
    {%- endif -%}

    {%- set window = segment_window(condition, 'within', where) -%}
    {%- set delay = segment_window(condition, 'followed_within', where) -%}
    {%- if condition.get('followed_by') is not none and condition.get('not_followed_by') is not none -%}
        {{ exceptions.raise_compiler_error(where ~ "use followed_by or not_followed_by, not both") }}
    {%- endif -%}
    {%- set next_key = 'followed_by' if condition.get('followed_by') is not none else 'not_followed_by' -%}
    {%- set next_types = condition.get(next_key) -%}
    {%- if delay is not none and next_types is none -%}
        {{ exceptions.raise_compiler_error(where ~ "followed_within_* needs followed_by or not_followed_by") }}
    {%- endif -%}

    {%- set of = condition.get('of') -%}
    {%- if of is not none and measure != 'sum' -%}
        {{ exceptions.raise_compiler_error(where ~ "'of' only goes with measure: sum") }}
    {%- endif -%}
    {%- set of = (of or 'amount') | lower -%}
    {%- if measure == 'sum' and columns is not none and of not in columns -%}
        {{ exceptions.raise_compiler_error(where ~ "unknown activity column '" ~ of ~ "' to sum") }}
    {%- endif -%}

    {%- set filters = [] -%}
    {%- set raw_filters = condition.get('filter', []) -%}
    {%- if raw_filters is mapping -%}{%- set raw_filters = [raw_filters] -%}{%- endif -%}
    {%- for item in raw_filters -%}
        {%- if item is not mapping or item.get('attribute') is none -%}
            {{ exceptions.raise_compiler_error(where ~ "each filter needs an attribute, op and value") }}
        {%- endif -%}
        {{ segment_check_keys(item, ['attribute', 'op', 'value'], segment_name, 'activity filter') }}
        {%- set column_name = item.attribute | lower -%}
        {%- if columns is not none and column_name not in columns -%}
            {{ exceptions.raise_compiler_error(
                where ~ "unknown attribute '" ~ column_name ~ "' in filter (not a column of "
                ~ state.inputs.activities.name ~ ")"
            ) }}
        {%- endif -%}
        {%- if item.get('op') in ('top_percent', 'bottom_percent') or item.get('op') is none -%}
            {{ exceptions.raise_compiler_error(where ~ "filter on '" ~ column_name ~ "' needs a comparison op") }}
        {%- endif -%}
        {%- do filters.append('coalesce(' ~ segment_operator_sql(
            'activity_events.' ~ column_name, item.op, item.get('value'), segment_name,
            "activity filter '" ~ column_name ~ "'") ~ ', false)') -%}
    {%- endfor -%}

    {%- set predicates = ['activity_events.activity_type in (' ~ segment_types_sql(types, segment_name) ~ ')'] -%}
    {%- if window is not none and measure in ('count', 'sum') -%}
        {%- do predicates.append('activity_events.occurred_at > '
            ~ dbt.dateadd(window.unit, -window.amount, 'as_of.as_of_at')) -%}
    {%- endif -%}
    {%- do predicates.extend(filters) -%}
    {%- if next_types is not none -%}
        {%- set next_predicates = [
            'next_events.customer_id = activity_events.customer_id',
            'next_events.activity_type in (' ~ segment_types_sql(segment_activity_types(next_types, segment_name), segment_name) ~ ')',
            'next_events.occurred_at > activity_events.occurred_at'
        ] -%}
        {%- if delay is not none -%}
            {%- do next_predicates.append('next_events.occurred_at <= '
                ~ dbt.dateadd(delay.unit, delay.amount, 'activity_events.occurred_at')) -%}
        {%- endif -%}
        {%- do predicates.append(('not ' if next_key == 'not_followed_by' else '')
            ~ 'exists (select 1 from activity_events as next_events where '
            ~ next_predicates | join(' and ') ~ ')') -%}
    {%- endif -%}

    {%- set aggregates = {
        'count': 'count(*)',
        'sum': 'sum(activity_events.' ~ of ~ ')',
        'first': 'min(activity_events.occurred_at)',
        'last': 'max(activity_events.occurred_at)'
    } -%}
    {%- set alias = segment_next_alias(context, 'a') -%}
    {%- do state.ctes.append([alias,
        'select\n        activity_events.customer_id,\n        ' ~ aggregates[measure] ~ ' as measure_value'
        ~ '\n    from activity_events\n    cross join as_of\n    where\n        '
        ~ predicates | join('\n        and ')
        ~ '\n    group by activity_events.customer_id'
    ]) -%}
    {%- do context.joins.append('left outer join ' ~ alias ~ ' on ' ~ alias ~ '.customer_id = profile.customer_id') -%}

    {%- set operator = condition.get('op') -%}
    {%- if operator in ('top_percent', 'bottom_percent') -%}
        {{ exceptions.raise_compiler_error(where ~ "operator '" ~ operator ~ "' is for attributes only") }}
    {%- endif -%}
    {%- if measure in ('count', 'sum') -%}
        {%- if operator is none -%}
            {%- set operator = '>=' if measure == 'count' else '>' -%}
            {%- set value = 1 if measure == 'count' else 0 -%}
        {%- else -%}
            {%- set value = condition.get('value') -%}
        {%- endif -%}
        {{ return('coalesce(' ~ segment_operator_sql('coalesce(' ~ alias ~ '.measure_value, 0)', operator,
            value, segment_name, "activity " ~ condition.activity) ~ ', false)') }}
    {%- else -%}
        {%- set checks = [alias ~ '.measure_value is not null'] -%}
        {%- if window is not none -%}
            {%- do checks.append(alias ~ '.measure_value > ' ~ dbt.dateadd(window.unit, -window.amount, 'as_of.as_of_at')) -%}
        {%- endif -%}
        {%- if operator is not none -%}
            {%- do checks.append(segment_operator_sql(alias ~ '.measure_value', operator,
                condition.get('value'), segment_name, "activity " ~ condition.activity)) -%}
        {%- endif -%}
        {{ return('coalesce(' ~ checks | join(' and ') ~ ', false)') }}
    {%- endif -%}
{%- endmacro %}


{% macro segment_activity_types(value, segment_name) -%}
    {%- if value is string -%}{%- set value = [value] -%}{%- endif -%}
    {%- if value is mapping or value is not iterable or value | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "Segment '" ~ segment_name ~ "': an activity type must be a name or a list of names"
        ) }}
    {%- endif -%}
    {%- for item in value -%}
        {%- if item is not string or item | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                "Segment '" ~ segment_name ~ "': activity type " ~ item ~ " is not a name"
            ) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(value | list) }}
{%- endmacro %}


{% macro segment_types_sql(types, segment_name) -%}
    {%- set literals = [] -%}
    {%- for item in types -%}{%- do literals.append(segment_literal(item, segment_name)) -%}{%- endfor -%}
    {{ return(literals | join(', ')) }}
{%- endmacro %}


{% macro segment_window(condition, prefix, where) -%}
    {#- Read <prefix>_hours or <prefix>_days (at most one, a positive whole number). -#}
    {%- set found = [] -%}
    {%- for unit in ('hour', 'day') -%}
        {%- set amount = condition.get(prefix ~ '_' ~ unit ~ 's') -%}
        {%- if amount is not none -%}
            {%- if amount is not number or amount is sameas true or amount is sameas false
                or amount != (amount | int) or amount <= 0 -%}
                {{ exceptions.raise_compiler_error(
                    where ~ prefix ~ "_" ~ unit ~ "s must be a positive whole number, got " ~ amount
                ) }}
            {%- endif -%}
            {%- do found.append({'unit': unit, 'amount': amount | int}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if found | length > 1 -%}
        {{ exceptions.raise_compiler_error(where ~ "give " ~ prefix ~ "_hours or " ~ prefix ~ "_days, not both") }}
    {%- endif -%}
    {{ return(found[0] if found else none) }}
{%- endmacro %}
