{% macro delete_gone_keys(key_column, present_keys, scope_column=none) -%}
    {#- For the post-hook of an incremental model that keeps rows per source record: in an
        incremental run, the statement that deletes the rows of records no longer in their
        source (raw rows deleted outright: a purge), so the model ends as a full refresh
        would; '' when none is gone, or outside incremental runs. present_keys is SQL
        selecting the keys present in the source as column present_key; with scope_column,
        a dict of scope value (source_name, model_name) -> such SQL, each checked against
        the rows of its scope. What is gone is counted first: in the usual run nothing is,
        and nothing is written (on Spark a delete rewrites the table). Rows with a null key
        are the model's own concern. -#}
    {%- if not (execute and is_incremental()) -%}
        {{ return('') }}
    {%- endif -%}
    {%- set scoped = present_keys if scope_column else {'': present_keys} -%}
    {%- set conditions = [] -%}
    {%- for scope, keys_sql in scoped.items() -%}
        {%- set in_scope = "held." ~ scope_column ~ " = '" ~ scope ~ "' and " if scope_column else '' -%}
        {%- set gone_sql -%}
            select held.{{ key_column }}
            from {{ this }} as held
            where {{ in_scope }}held.{{ key_column }} is not null
            except
            select present.present_key from ({{ keys_sql }}) as present
        {%- endset -%}
        {%- set gone = run_query('select count(*) from (' ~ gone_sql ~ ') as gone').columns[0].values()[0] | int -%}
        {%- if gone > 0 -%}
            {%- do conditions.append(
                '(' ~ (scope_column ~ " = '" ~ scope ~ "' and " if scope_column else '')
                ~ key_column ~ ' in (' ~ gone_sql ~ '))'
            ) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if conditions -%}
        {{ return(delete_where(this, conditions | join(' or '))) }}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}

{% macro delete_records_gone_from(source_relation, key_column, source_key='id') -%}
    {#- delete_gone_keys for a staging model whose key_column is the source's source_key as
        text. -#}
    {{ return(delete_gone_keys(
        key_column,
        'select cast(' ~ source_key ~ ' as ' ~ dbt.type_string() ~ ') as present_key from '
        ~ source_relation ~ ' where ' ~ source_key ~ ' is not null'
    )) }}
{%- endmacro %}
