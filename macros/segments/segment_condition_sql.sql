{% macro segment_condition_sql(condition, context, state) -%}
    {{ return(adapter.dispatch('segment_condition_sql')(condition, context, state)) }}
{%- endmacro %}

{% macro default__segment_condition_sql(condition, context, state) -%}
    {#- Compile one condition of a segment (recursively) to a SQL boolean over `profile`.
        Conditions needing aggregates or rankings add a CTE to state.ctes and a left join to
        context.joins. Every leaf is wrapped in coalesce(..., false) so that `not` behaves as
        people expect with missing values (a null never silently drops out of a negation). -#}
    {%- set segment_name = context.segment -%}
    {%- set where = "Segment '" ~ segment_name ~ "': " -%}
    {%- set kinds = ['all', 'any', 'not', 'attribute', 'activity', 'segment', 'sql_model'] -%}
    {%- if condition is not mapping -%}
        {{ exceptions.raise_compiler_error(where ~ "a condition must be a mapping, got " ~ condition) }}
    {%- endif -%}
    {%- set found = [] -%}
    {%- for key in condition -%}
        {%- if key in kinds -%}{%- do found.append(key) -%}{%- endif -%}
    {%- endfor -%}
    {%- if found | length != 1 -%}
        {{ exceptions.raise_compiler_error(
            where ~ "each condition needs exactly one of all, any, not, attribute, activity, segment; got "
            ~ (condition.keys() | list)
        ) }}
    {%- endif -%}
    {%- set kind = found[0] -%}

    {%- if kind in ('all', 'any') -%}
        {{ segment_check_keys(condition, [kind], segment_name, kind) }}
        {%- set items = condition[kind] -%}
        {%- if items is string or items is mapping or items is not iterable or items | length == 0 -%}
            {{ exceptions.raise_compiler_error(where ~ "'" ~ kind ~ "' needs a non-empty list of conditions") }}
        {%- endif -%}
        {%- set parts = [] -%}
        {%- for item in items -%}
            {%- do parts.append(segment_condition_sql(item, context, state)) -%}
        {%- endfor -%}
        {{ return('(' ~ parts | join(' and ' if kind == 'all' else ' or ') ~ ')') }}

    {%- elif kind == 'not' -%}
        {{ segment_check_keys(condition, ['not'], segment_name, 'not') }}
        {{ return('not (' ~ segment_condition_sql(condition['not'], context, state) ~ ')') }}

    {%- elif kind == 'segment' -%}
        {{ segment_check_keys(condition, ['segment'], segment_name, 'segment') }}
        {%- set other = condition.segment -%}
        {%- if other not in state.definitions -%}
            {{ exceptions.raise_compiler_error(
                where ~ "refers to unknown segment '" ~ other ~ "' (declared: "
                ~ (state.definitions.keys() | sort | join(', ')) ~ ")"
            ) }}
        {%- endif -%}
        {{ segment_compile_one(other, state) }}
        {#- exists rather than left join + is (not) null: DuckDB 2.0.0 can lose rows of a
            left-join anti pattern combined with further left joins. -#}
        {{ return('exists (select 1 from seg_' ~ other ~ ' where seg_' ~ other
            ~ '.customer_id = profile.customer_id)') }}

    {%- elif kind == 'sql_model' -%}
        {%- set model_name = condition.sql_model -%}
        {%- if model_name not in state.inputs.sql_segments -%}
            {{ exceptions.raise_compiler_error(
                where ~ "sql_model '" ~ model_name ~ "' is not a model of this project"
            ) }}
        {%- endif -%}
        {%- set alias = segment_next_alias(context, 'm') -%}
        {%- do state.ctes.append([alias,
            'select distinct customer_id from ' ~ state.inputs.sql_segments[model_name]
            ~ ' where customer_id is not null'
        ]) -%}
        {{ return('exists (select 1 from ' ~ alias ~ ' where ' ~ alias ~ '.customer_id = profile.customer_id)') }}

    {%- elif kind == 'attribute' -%}
        {{ segment_check_keys(condition, ['attribute', 'op', 'value', 'among'], segment_name, 'attribute') }}
        {%- set column_sql = segment_resolve_attribute(condition.attribute, segment_name, state) -%}
        {%- set operator = condition.get('op') -%}
        {%- if 'among' in condition and operator not in ('top_percent', 'bottom_percent') -%}
            {{ exceptions.raise_compiler_error(
                where ~ "attribute '" ~ condition.attribute ~ "': 'among' only goes with top_percent and bottom_percent"
            ) }}
        {%- endif -%}
        {%- if operator is none -%}
            {{ exceptions.raise_compiler_error(where ~ "attribute '" ~ condition.attribute ~ "' needs an op") }}
        {%- endif -%}
        {%- if operator in ('top_percent', 'bottom_percent') -%}
            {%- set percent = condition.get('value') -%}
            {%- if percent is not number or percent is sameas true or percent is sameas false
                or percent <= 0 or percent > 100 -%}
                {{ exceptions.raise_compiler_error(
                    where ~ "attribute '" ~ condition.attribute ~ "': " ~ operator
                    ~ " needs a number above 0 and at most 100 as value"
                ) }}
            {%- endif -%}
            {#- among: the population ranked (top 20 % of buyers, not of everyone); a plain
                condition on the profile, so it must not need a join of its own. -#}
            {%- set among_sql = [] -%}
            {%- if condition.get('among') is not none -%}
                {%- set joins_before = context.joins | length -%}
                {%- do among_sql.append(segment_condition_sql(condition.among, context, state)) -%}
                {%- if context.joins | length != joins_before -%}
                    {{ exceptions.raise_compiler_error(
                        where ~ "attribute '" ~ condition.attribute
                        ~ "': 'among' can only use attribute and segment conditions without rankings"
                    ) }}
                {%- endif -%}
            {%- endif -%}
            {%- set alias = segment_next_alias(context, 'r') -%}
            {#- rank_count = customers ranked at or ahead of this one (peers included), so ties
                are never split: a tied group is in only if all of it fits in the share. -#}
            {%- do state.ctes.append([alias,
                'select\n        profile.customer_id,\n        count(*) over (order by ' ~ column_sql
                ~ (' desc' if operator == 'top_percent' else ' asc')
                ~ ') as rank_count,\n        count(*) over () as population\n    from profile\n    where '
                ~ column_sql ~ ' is not null'
                ~ ('\n        and ' ~ among_sql[0] if among_sql else '')
            ]) -%}
            {%- do context.joins.append(
                'left outer join ' ~ alias ~ ' on ' ~ alias ~ '.customer_id = profile.customer_id'
            ) -%}
            {{ return('coalesce(' ~ alias ~ '.rank_count * 100 <= ' ~ percent ~ ' * ' ~ alias ~ '.population, false)') }}
        {%- endif -%}
        {{ return('coalesce(' ~ segment_operator_sql(
            column_sql, operator, condition.get('value'), segment_name,
            "attribute '" ~ condition.attribute ~ "'"
        ) ~ ', false)') }}

    {%- elif kind == 'activity' -%}
        {{ return(segment_activity_sql(condition, context, state)) }}
    {%- endif -%}
{%- endmacro %}


{% macro segment_check_keys(mapping, allowed, segment_name, subject) -%}
    {#- Fail on keys a condition does not understand (a typo must not be ignored). -#}
    {%- for key in mapping -%}
        {%- if key not in allowed -%}
            {{ exceptions.raise_compiler_error(
                "Segment '" ~ segment_name ~ "': unknown key '" ~ key ~ "' in " ~ subject
                ~ " condition; allowed: " ~ allowed | join(', ')
            ) }}
        {%- endif -%}
    {%- endfor -%}
{%- endmacro %}


{% macro segment_next_alias(context, letter) -%}
    {%- do context.update({'counter': context.counter + 1}) -%}
    {{ return('seg_' ~ context.segment ~ '__' ~ letter ~ context.counter) }}
{%- endmacro %}


{% macro segment_resolve_attribute(attribute, segment_name, state) -%}
    {#- 'column' is looked up in the profile relations in their declared order (the first one
        that has it wins); 'relation.column' names the relation. Returns profile.<rel>__<col>. -#}
    {%- set where = "Segment '" ~ segment_name ~ "': " -%}
    {%- if attribute is not string or attribute | length == 0 -%}
        {{ exceptions.raise_compiler_error(where ~ "attribute must be a column name, got " ~ attribute) }}
    {%- endif -%}
    {%- set attribute = attribute | lower -%}
    {%- set relations = state.inputs.profile_relations -%}
    {%- set names = relations | map(attribute='name') | list -%}
    {%- if '.' in attribute -%}
        {%- set relation_name, column_name = attribute.split('.', 1) -%}
        {%- set candidates = relations | selectattr('name', 'equalto', relation_name) | list -%}
        {%- if candidates | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                where ~ "unknown attribute '" ~ attribute ~ "': '" ~ relation_name
                ~ "' is not a profile relation (" ~ names | join(', ') ~ ")"
            ) }}
        {%- endif -%}
    {%- else -%}
        {%- set column_name = attribute -%}
        {%- set candidates = [] -%}
        {%- for relation in relations -%}
            {%- if relation.columns is none or column_name in relation.columns -%}
                {%- do candidates.append(relation) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set chosen = [] -%}
    {%- for relation in candidates -%}
        {%- if chosen | length == 0 and (relation.columns is none or column_name in relation.columns) -%}
            {%- do chosen.append(relation) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if chosen | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            where ~ "unknown attribute '" ~ attribute ~ "' (not a column of "
            ~ candidates | map(attribute='name') | join(', ') ~ ")"
        ) }}
    {%- endif -%}
    {%- set relation = chosen[0] -%}
    {%- if column_name == 'customer_id' -%}
        {{ return('profile.customer_id') }}
    {%- endif -%}
    {%- set used = state.used_columns.setdefault(relation.name, []) -%}
    {%- if column_name not in used -%}{%- do used.append(column_name) -%}{%- endif -%}
    {{ return('profile.' ~ relation.name ~ '__' ~ column_name) }}
{%- endmacro %}
