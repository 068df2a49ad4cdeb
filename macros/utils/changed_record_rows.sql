{% macro changed_record_rows(relation, key_column, loaded_at_column, held_loaded_at='loaded_at') -%}
    {#- A select of the raw rows a staging model of a table whose records change in place
        (a CRM contact, an order whose status moves on: the loader writes a new version of
        the record) reads: every row outside incremental runs. In an incremental run, every
        row of each record (key_column) with a row loaded (loaded_at_column) at or after the
        latest load the model holds (its held_loaded_at column), so a changed record is
        staged again from all of its rows, as a full refresh would; with delete+insert on
        the record key the model then ends as a full refresh would. Rows with no key
        cannot be matched to held ones: those of loads after the latest held are appended (a
        load lands at once). Records deleted from the source outright are for the model's
        post-hook (macro delete_records_gone_from). -#}
    {%- set since = incremental_lookback_start(held_loaded_at, lookback_days=0) -%}
    {%- if since is none %}
        select * from {{ relation }}
    {%- else %}
        select * from {{ relation }}
        where {{ key_column }} in (
            select loaded.{{ key_column }}
            from {{ relation }} as loaded
            where loaded.{{ loaded_at_column }} >= {{ since }}
        )

        union all

        select * from {{ relation }}
        where {{ key_column }} is null and {{ loaded_at_column }} > {{ since }}
    {%- endif %}
{%- endmacro %}
